package jsapi

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWrap(t *testing.T) {
	err := Wrap("fetch data/x.gmn", fs.ErrNotExist)
	assert.EqualError(t, err, "fetch data/x.gmn: file does not exist")
	assert.True(t, errors.Is(err, fs.ErrNotExist))
}
