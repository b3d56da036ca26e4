package browser

import (
	"os"

	"gonn/cmd/build/dist"
	"gonn/tests/harness"
)

// referenceHash trains the reference MLP natively on the first 640 images
// of the site's MNIST pack (the bytes the JavaScript tests read), one epoch
// of batches of 32 with Adam and categorical cross-entropy, and returns the
// FNV-64a of its weights as gonn_weights_hash computes it.
func referenceHash(packPath string) (string, error) {
	b, err := os.ReadFile(packPath)
	if err != nil {
		return "", err
	}
	pack, err := dist.DecodePack(b)
	if err != nil {
		return "", err
	}
	set, err := pack.Set()
	if err != nil {
		return "", err
	}
	set = set.Subset(harness.ReferenceExamples)
	return harness.NativeHash(harness.ReferenceSpec, set.Images, set.OneHot())
}
