package text

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFiles writes files (path relative to dir, with "/") under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

// aclImdb returns a small tree in the aclImdb layout, with the extras the
// real archive holds, prefixed by prefix.
func aclImdb(prefix string) map[string]string {
	files := map[string]string{
		"train/pos/10_9.txt":    "Great film.<br /><br />Loved it.",
		"train/pos/0_10.txt":    "Best ever!",
		"train/pos/2_7.txt":     "Good, \"quoted\", ünïcode.",
		"train/neg/1_1.txt":     "Awful.",
		"train/neg/0_3.txt":     "",
		"test/pos/0_8.txt":      "Fine.",
		"test/neg/5_2.txt":      "Bad.",
		"test/neg/11_4.txt":     "Dull.",
		"train/unsup/0_0.txt":   "not labelled, not read",
		"train/urlsPos.txt":     "not a review",
		"train/labeledBow.feat": "0 0:1",
		"imdb.vocab":            "the\nand\n",
		"README":                "",
		"train/pos/._10_9.txt":  "\x00\x05\x16\x07 macOS resource fork",
		"train/neg/notes.md":    "not .txt",
		"test/pos/sub.txt/x":    "a folder named like a file is skipped",
	}
	out := map[string]string{}
	for name, c := range files {
		out[prefix+name] = c
	}
	return out
}

func checkIMDb(t *testing.T, train, test *Dataset, root string) {
	t.Helper()
	// neg (label 0) first, then pos; names in sorted (byte) order.
	assert.Equal(t, []string{"", "Awful.", "Best ever!", "Great film.<br /><br />Loved it.", "Good, \"quoted\", ünïcode."}, train.Texts)
	assert.Equal(t, []int{0, 0, 1, 1, 1}, train.Labels)
	assert.Equal(t, []string{
		root + "/train/neg/0_3.txt", root + "/train/neg/1_1.txt",
		root + "/train/pos/0_10.txt", root + "/train/pos/10_9.txt", root + "/train/pos/2_7.txt",
	}, train.Sources)
	assert.Equal(t, []string{"Dull.", "Bad.", "Fine."}, test.Texts)
	assert.Equal(t, []int{0, 0, 1}, test.Labels)
	assert.Equal(t, 3, test.Len())
	assert.Equal(t, []float32{0, 0, 1}, test.Targets().Data)
	assert.Equal(t, []int{3, 1}, test.Targets().Shape)
}

func TestLoadIMDb(t *testing.T) {
	t.Run("the aclImdb folder", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, aclImdb(""))
		train, test, err := LoadIMDb(dir)
		require.NoError(t, err)
		checkIMDb(t, train, test, dir)
	})
	t.Run("the folder holding aclImdb", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, aclImdb("aclImdb/"))
		train, test, err := LoadIMDb(dir)
		require.NoError(t, err)
		checkIMDb(t, train, test, dir+"/aclImdb")
	})
	t.Run("a file system", func(t *testing.T) {
		fsys := fstest.MapFS{}
		for name, c := range aclImdb("") {
			fsys[name] = &fstest.MapFile{Data: []byte(c)}
		}
		train, test, err := LoadIMDbFS(fsys, "upload")
		require.NoError(t, err)
		checkIMDb(t, train, test, "upload")
	})
}

func TestLoadIMDbErrors(t *testing.T) {
	tests := []struct {
		name   string
		remove []string
		add    map[string]string
		want   string
	}{
		{"no test split", []string{"test"}, nil,
			"/test/neg: no such folder: want the aclImdb layout, train/{neg,pos}/*.txt and test/{neg,pos}/*.txt"},
		{"no pos folder", []string{"train/pos"}, nil, "/train/pos: no such folder"},
		{"class folder without reviews", []string{"test/neg/5_2.txt", "test/neg/11_4.txt"}, map[string]string{"test/neg/readme": "x"},
			"/test/neg: no .txt files in the folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, aclImdb(""))
			for _, r := range tt.remove {
				require.NoError(t, os.RemoveAll(filepath.Join(dir, filepath.FromSlash(r))))
			}
			writeFiles(t, dir, tt.add)
			train, test, err := LoadIMDb(dir)
			require.Error(t, err)
			assert.Nil(t, train)
			assert.Nil(t, test)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), dir)
		})
	}
	t.Run("not an aclImdb folder", func(t *testing.T) {
		dir := t.TempDir()
		_, _, err := LoadIMDb(dir)
		require.Error(t, err)
		assert.Equal(t, dir+"/train/neg: no such folder: want the aclImdb layout, train/{neg,pos}/*.txt and test/{neg,pos}/*.txt", err.Error())
	})
	t.Run("review over MaxTextFileBytes", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, aclImdb(""))
		big := filepath.Join(dir, "train", "pos", "7_9.txt")
		require.NoError(t, os.WriteFile(big, []byte("long"), 0o644))
		require.NoError(t, os.Truncate(big, MaxTextFileBytes+1)) // sparse: cheap
		_, _, err := LoadIMDb(dir)
		require.Error(t, err)
		assert.Equal(t, big+": too large: 1048577 bytes, more than MaxTextFileBytes (1048576)", err.Error())
	})
	t.Run("file system that hides the size", func(t *testing.T) {
		fsys := fstest.MapFS{}
		for name, c := range aclImdb("") {
			fsys[name] = &fstest.MapFile{Data: []byte(c)}
		}
		fsys["test/pos/9_9.txt"] = &fstest.MapFile{Data: make([]byte, MaxTextFileBytes+1)}
		_, _, err := LoadIMDbFS(fsys, "up")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "up/test/pos/9_9.txt: too large")
	})
}
