package dist

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuild_Vega: the CSV files of data/vega/ and their licences reach the
// site's data/vega/, byte for byte; nothing else of the folder does.
func TestBuild_Vega(t *testing.T) {
	files := map[string]string{
		"data/vega/b.csv":     "year,temp\n1880,-0.17\n",
		"data/vega/a.csv":     "Date,CO2\n1958-03-01,315.70\n",
		"data/vega/LICENSE":   "CC BY 4.0 and U.S. Government works\n",
		"data/vega/README.md": "provenance, not shipped",
		"data/vega/notes.txt": "not shipped",
	}
	root := fakeModule(t, files)
	out := filepath.Join(t.TempDir(), "dist")
	m, err := Build(fastOptions(t, root, out))
	require.NoError(t, err)
	paths := checkSite(t, out, m)
	for _, p := range []string{"data/vega/a.csv", "data/vega/b.csv", VegaLicense} {
		assert.True(t, slices.Contains(paths, p), "%s in the manifest", p)
	}
	assert.False(t, slices.Contains(paths, "data/vega/README.md"))
	assert.False(t, slices.Contains(paths, "data/vega/notes.txt"))
	for site, src := range map[string]string{"data/vega/a.csv": "data/vega/a.csv", VegaLicense: "data/vega/LICENSE"} {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(site)))
		require.NoError(t, err)
		assert.Equal(t, files[src], string(got), site)
	}
}

func TestBuild_VegaErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no licence", map[string]string{"data/vega/a.csv": "x,y\n1,2\n"}, "data/vega/LICENSE: the shipped data need their licences"},
		{"no csv", map[string]string{"data/vega/LICENSE": "licence"}, "data/vega/ holds no .csv file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fakeModule(t, tt.files)
			_, err := Build(fastOptions(t, root, filepath.Join(t.TempDir(), "dist")))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "build vega: ")
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
