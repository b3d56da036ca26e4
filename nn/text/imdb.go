package text

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// MaxTextFileBytes bounds one text file read by LoadIMDb (1 MiB). The
// longest aclImdb review holds about 14 KB.
const MaxTextFileBytes = 1 << 20

// MaxIMDbBytes bounds the text LoadIMDb reads from one split (256 MiB).
// Each aclImdb split (train or test, pos and neg) holds about 33 MB.
const MaxIMDbBytes = 256 << 20

// IMDbClasses are the class folders of an aclImdb split, in label order:
// label 0 is neg, 1 is pos (alphabetical, as Keras'
// text_dataset_from_directory numbers them).
var IMDbClasses = []string{"neg", "pos"}

// LoadIMDb reads the Large Movie Review Dataset (aclImdb_v1.tar.gz,
// https://ai.stanford.edu/~amaas/data/sentiment/, which gonn does not ship)
// from dir: the folder "aclImdb" it unpacks to, or the folder holding it.
// Each split, train and test, is read from its neg and pos folders: every
// file ending in ".txt" (files starting with "." are skipped: macOS "._"
// copies), in sorted name order, neg first. Other files and folders (unsup,
// labeledBow.feat, urls_*.txt, imdb.vocab) are not read.
//
// Errors name the file or folder: a missing folder, a folder without .txt
// files, a file over MaxTextFileBytes, a split over MaxIMDbBytes.
func LoadIMDb(dir string) (train, test *Dataset, err error) {
	return LoadIMDbFS(os.DirFS(dir), dir)
}

// LoadIMDbFS is LoadIMDb on a file system (an os.DirFS, an embed.FS, a zip
// file's reader, a browser-provided tree): the aclImdb layout at its root,
// or under "aclImdb". Name stands for the root in error messages and
// Sources.
func LoadIMDbFS(fsys fs.FS, name string) (train, test *Dataset, err error) {
	root := "."
	if !isDir(fsys, "train") && isDir(fsys, "aclImdb") {
		root = "aclImdb"
	}
	train, err = loadIMDbSplit(fsys, name, root, "train")
	if err != nil {
		return nil, nil, err
	}
	test, err = loadIMDbSplit(fsys, name, root, "test")
	if err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

func isDir(fsys fs.FS, p string) bool {
	st, err := fs.Stat(fsys, p)
	return err == nil && st.IsDir()
}

// loadIMDbSplit reads root/split/{neg,pos}/*.txt.
func loadIMDbSplit(fsys fs.FS, name, root, split string) (*Dataset, error) {
	d := &Dataset{}
	total := 0
	for label, class := range IMDbClasses {
		dir := path.Join(root, split, class)
		shown := path.Join(name, dir)
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such folder: want the aclImdb layout, train/{neg,pos}/*.txt and test/{neg,pos}/*.txt", shown)
			}
			return nil, fmt.Errorf("%s: %w", shown, err)
		}
		n := 0
		for _, e := range entries { // sorted by name
			if !strings.HasSuffix(e.Name(), ".txt") || strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
				continue
			}
			file := path.Join(dir, e.Name())
			text, err := readText(fsys, file, path.Join(name, file))
			if err != nil {
				return nil, err
			}
			if total += len(text); total > MaxIMDbBytes {
				return nil, fmt.Errorf("%s: too large: the %s split holds more than MaxIMDbBytes (%d) of text", path.Join(name, root, split), split, MaxIMDbBytes)
			}
			d.Texts = append(d.Texts, text)
			d.Labels = append(d.Labels, label)
			d.Sources = append(d.Sources, path.Join(name, file))
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: no .txt files in the folder", shown)
		}
	}
	return d, nil
}

// readText reads one text file of at most MaxTextFileBytes, checking the
// size before and while reading.
func readText(fsys fs.FS, file, shown string) (string, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return "", fmt.Errorf("%s: %w", shown, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxTextFileBytes {
		return "", fmt.Errorf("%s: too large: %d bytes, more than MaxTextFileBytes (%d)", shown, st.Size(), MaxTextFileBytes)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxTextFileBytes+1))
	if err != nil {
		return "", fmt.Errorf("%s: read: %w", shown, err)
	}
	if len(b) > MaxTextFileBytes {
		return "", fmt.Errorf("%s: too large: more than MaxTextFileBytes (%d)", shown, MaxTextFileBytes)
	}
	return string(b), nil
}
