package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCount(t *testing.T) {
	assert.Equal(t, "1 epoch", count(1, "epoch", "epochs"))
	assert.Equal(t, "12 epochs", count(12, "epoch", "epochs"))
	assert.Equal(t, "0 batches", count(0, "batch", "batches"))
	assert.Equal(t, "1,024 images", count(1024, "image", "images"))
}
