package main

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStatusCodes_MatchDoc checks the status codes against docs/abi.md's
// table, both ways.
func TestStatusCodes_MatchDoc(t *testing.T) {
	b, err := os.ReadFile("../docs/abi.md")
	require.NoError(t, err)
	doc := map[int32]string{}
	for _, m := range regexp.MustCompile("(?m)^\\| (\\d+) \\| `([a-z_]+)` \\|").FindAllStringSubmatch(string(b), -1) {
		code, err := strconv.Atoi(m[1])
		require.NoError(t, err)
		doc[int32(code)] = m[2]
	}
	assert.Equal(t, statusNames, doc)
}
