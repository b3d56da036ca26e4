package main

import (
	"encoding/binary"
	"hash/fnv"
	"io/fs"
	"path/filepath"
)

// watcher fingerprints the sources the site is built from, by polling: no
// file-system notifications, which differ on every platform.
type watcher struct {
	root  string
	paths []string // watched files and folders, absolute
	skip  string   // the output folder, never watched
}

// watched are the module paths whose change triggers a rebuild.
var watched = []string{"nn", "wasm", "web", "go.mod", "go.sum"}

func newWatcher(root, out string) *watcher {
	w := &watcher{root: root, skip: out}
	for _, p := range watched {
		w.paths = append(w.paths, filepath.Join(root, p))
	}
	return w
}

// fingerprint hashes the path, size, modification time and mode of every
// watched file (not folder), skipping names that start with "." (editors' swap files,
// the build's staging folders) and the output folder.
func (w *watcher) fingerprint() uint64 {
	h := fnv.New64a()
	var buf [24]byte
	for _, top := range w.paths {
		filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // missing or unreadable: part of the fingerprint by absence
			}
			if p == w.skip || p != top && d.Name()[0] == '.' {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil // a folder's time changes with skipped entries too
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			h.Write([]byte(p))
			binary.LittleEndian.PutUint64(buf[0:], uint64(info.Size()))
			binary.LittleEndian.PutUint64(buf[8:], uint64(info.ModTime().UnixNano()))
			binary.LittleEndian.PutUint64(buf[16:], uint64(info.Mode()))
			h.Write(buf[:])
			return nil
		})
	}
	return h.Sum64()
}
