package widgets

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQueryFlag(t *testing.T) {
	tests := []struct {
		search string
		want   bool
	}{
		{"", false},
		{"?", false},
		{"?quick=1", true},
		{"quick=1", true},
		{"?quick", true},
		{"?quick=", true},
		{"?a=2&quick=yes", true},
		{"?quick=0", false},
		{"?quick=false", false},
		{"?quick=No", false},
		{"?quicker=1", false},
		{"?xquick=1", false},
		{"?a=quick", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, QueryFlag(tt.search, "quick"), "QueryFlag(%q)", tt.search)
	}
}
