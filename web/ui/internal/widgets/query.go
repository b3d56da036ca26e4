package widgets

import "strings"

// QueryFlag reports whether the query string search (location.search, as
// "?quick=1&x=2", with or without the "?") sets the flag name: "name",
// "name=" or "name=<v>" with v anything but "0", "false" or "no". Pages
// use it for their short settings (?quick=1), which tests open.
func QueryFlag(search, name string) bool {
	for _, part := range strings.Split(strings.TrimPrefix(search, "?"), "&") {
		key, value, _ := strings.Cut(part, "=")
		if key != name {
			continue
		}
		switch strings.ToLower(value) {
		case "0", "false", "no":
			return false
		}
		return true
	}
	return false
}
