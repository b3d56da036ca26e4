package layers

import "slices"

// Classes lists the Keras class names FromConfig makes, sorted: what a
// model file may name (the TF.js loader reports it for an unknown class).
func Classes() []string {
	names := make([]string, 0, len(classes))
	for name := range classes {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
