package mnist

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDigits(t *testing.T) {
	s := &Set{Images: []float32{0, 1, 2, 3, 4, 5, 6, 7}, Labels: []uint8{7, 2, 5, 9}, N: 4, Rows: 1, Cols: 2}
	hi := s.Digits(5, 10)
	assert.Equal(t, 3, hi.N)
	assert.Equal(t, []uint8{2, 0, 4}, hi.Labels)
	assert.Equal(t, []float32{0, 1, 4, 5, 6, 7}, hi.Images)
	assert.Equal(t, []float32{0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1}, hi.OneHotN(5))
	lo := s.Digits(0, 5)
	assert.Equal(t, []uint8{2}, lo.Labels)
	assert.Panics(t, func() { s.Digits(5, 5) })
	assert.Panics(t, func() { s.Digits(0, 11) })
}
