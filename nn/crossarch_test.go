package nn_test

import (
	"os"
	"os/exec"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDeterminism_Arm64 runs the weight-hash tests again (the Dense net's
// here, the convnet's and the recurrent nets' in nn/layers), compiled for
// arm64 and run under qemu-user (Debian's qemu-user-static), where Go would
// fuse multiply-adds if the code let it: the recorded hashes must come out
// the same. Skipped when qemu is missing, unless CI is set (.ci/run
// installs it).
func TestDeterminism_Arm64(t *testing.T) {
	if runtime.GOARCH != "amd64" || testing.Short() {
		t.Skip("runs from amd64 hosts, not in -short")
	}
	qemu, err := exec.LookPath("qemu-aarch64-static")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("qemu-aarch64-static is missing: .ci/run installs qemu-user-static")
		}
		t.Skip("qemu-aarch64-static not found (apt-get install -y qemu-user-static)")
	}
	const hashTests = "^(TestDeterminism_WeightHash|TestConv_WeightHash|TestRecurrent_WeightHash|TestAugment_WeightHash)$"
	cmd := exec.Command("go", "test", "-count=1", "-exec", qemu, "-run", hashTests, ".", "./layers/")
	cmd.Env = append(os.Environ(), "GOARCH=arm64")
	out, err := cmd.CombinedOutput()
	t.Logf("GOARCH=arm64 go test -exec %s -run '%s' . ./layers/:\n%s", qemu, hashTests, out)
	require.NoError(t, err, "the weight hash differs on arm64")
}
