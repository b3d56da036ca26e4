package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEngine_Version(t *testing.T) {
	e := newEngine(t)
	v, err := e.Version()
	require.NoError(t, err)
	assert.Equal(t, 2, v.ABI)
	assert.NotEmpty(t, v.Version)
	assert.Regexp(t, `^go1\.`, v.Go)
}
