package tests

import (
	"testing"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEngine_Version(t *testing.T) {
	e := newEngine(t)
	v, err := e.Version()
	require.NoError(t, err)
	assert.Equal(t, harness.ABIVersion, v.ABI)
	assert.NotEmpty(t, v.Version)
	assert.Regexp(t, `^go1\.`, v.Go)
}
