package tests

import (
	"sync"
	"testing"

	"gonn/nn/mnist"

	"github.com/stretchr/testify/require"
)

// loadMNIST reads the GoMNIST training set once.
var loadMNIST = sync.OnceValues(func() (*mnist.Set, error) {
	train, _, err := mnist.Default()
	return train, err
})

// mnistXY returns the first n training images (n, 784) and their one-hot
// labels (n, 10).
func mnistXY(t testing.TB, n int) (x, y []float32) {
	t.Helper()
	s, err := loadMNIST()
	require.NoError(t, err)
	s = s.Subset(n)
	return s.Images, s.OneHot()
}
