package dist

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFiles writes files (slash path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

// fakeModule makes a module root declaring module gonn in a new temporary
// folder, holding files.
func fakeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "gonn")
	writeFiles(t, root, map[string]string{"go.mod": "module gonn\n\ngo 1.26\n"})
	writeFiles(t, root, files)
	return root
}

func TestFindRoot(t *testing.T) {
	root := fakeModule(t, map[string]string{
		"nn/deep/x.txt":  "",
		"other/go.mod":   "module example.com/other\n",
		"other/sub/x.go": "",
	})
	for _, dir := range []string{root, filepath.Join(root, "nn", "deep"), filepath.Join(root, "other", "sub")} {
		got, err := FindRoot(dir)
		require.NoError(t, err, dir)
		assert.Equal(t, root, got, dir)
	}
	_, err := FindRoot(t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no go.mod declaring module gonn")
}

func TestCheckReplace(t *testing.T) {
	root := fakeModule(t, nil)
	home := t.TempDir()
	t.Setenv("HOME", home)
	ours := string(newManifest(nil).Marshal())
	other := t.TempDir()
	tests := []struct {
		name   string
		out    string            // relative to other unless absolute
		files  map[string]string // made in out first
		force  bool
		refuse string // "" if allowed
	}{
		{name: "missing", out: "new"},
		{name: "module dist", out: filepath.Join(root, "dist"), files: map[string]string{"x": "", "gonn/gonn.js": ""}},
		{name: "empty folder", out: "empty", files: map[string]string{}},
		{name: "previous build", out: "site", files: map[string]string{ManifestName: ours, "x": ""}},
		{name: "other manifest", out: "m", files: map[string]string{ManifestName: `{"files":[]}`}, refuse: "holds no manifest.json written by the build"},
		{name: "other manifest forced", out: "m2", files: map[string]string{ManifestName: `{}`}, force: true},
		{name: "foreign folder", out: "photos", files: map[string]string{"cat.jpg": ""}, refuse: "use -force"},
		{name: "foreign folder forced", out: "photos2", files: map[string]string{"cat.jpg": ""}, force: true},
		{name: "foreign dist", out: "proj/dist", files: map[string]string{"app.js": ""}, refuse: "use -force"},
		{name: "holds go.mod", out: "src", files: map[string]string{"go.mod": ""}, force: true, refuse: "holds go.mod"},
		{name: "holds .git", out: "repo", files: map[string]string{".git/HEAD": ""}, force: true, refuse: "holds .git"},
		{name: "holds Go files", out: "web", files: map[string]string{"ui/mnist/main.go": "", "static/index.html": ""}, force: true, refuse: "holds ui/mnist/main.go, so it is source"},
		{name: "module dist holding Go", out: filepath.Join(root, "dist"), files: map[string]string{"x.go": ""}, refuse: "so it is source"},
		{name: "module root", out: root, force: true, refuse: "holds the module root"},
		{name: "above module root", out: filepath.Dir(root), force: true, refuse: "holds the module root"},
		{name: "file-system root", out: "/", force: true, refuse: "file-system root"},
		{name: "home", out: home, force: true, refuse: "home folder"},
		{name: "a file", out: "file", force: true, refuse: "not a folder"},
	}
	require.NoError(t, os.WriteFile(filepath.Join(other, "file"), nil, 0o644))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := tt.out
			if !filepath.IsAbs(out) {
				out = filepath.Join(other, out)
			}
			if tt.files != nil {
				require.NoError(t, os.MkdirAll(out, 0o755))
				writeFiles(t, out, tt.files)
			}
			err := checkReplace(root, out, tt.force)
			if tt.refuse == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.refuse)
		})
	}

	t.Run("link to the module root", func(t *testing.T) {
		link := filepath.Join(other, "link")
		require.NoError(t, os.Symlink(root, link))
		err := checkReplace(root, link, true)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "holds the module root")
	})
}
