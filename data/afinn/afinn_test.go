package afinn

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTSV checks the embedded list against the file and against the
// checksum and line count that README.md records.
func TestTSV(t *testing.T) {
	onDisk, err := os.ReadFile(File)
	require.NoError(t, err)
	assert.Equal(t, onDisk, TSV, "the embedded bytes are the file's")
	sum := sha256.Sum256(TSV)
	assert.Equal(t, "3a06ace6047b203fc1adff0dd3d498ff68528d9206b84242fbce4fc2083a389b", hex.EncodeToString(sum[:]),
		"SHA-256 of %s: update README.md if the list was refreshed on purpose", File)
	assert.Equal(t, Entries, bytes.Count(TSV, []byte("\n")), "lines")
}
