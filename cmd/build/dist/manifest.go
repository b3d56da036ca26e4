package dist

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
)

// ManifestName is the manifest's file name in the output folder.
const ManifestName = "manifest.json"

// Generator is the manifest's generator field, by which Build recognises
// an output folder it made.
const Generator = "gonn/cmd/build"

// Manifest lists every file of a built site except the gzip copies (given by
// GzipSize) and manifest.json itself (and its gzip copy).
type Manifest struct {
	// Generator is always Generator.
	Generator string `json:"generator"`
	// Files are sorted by Path.
	Files []File `json:"files"`
	// TotalFiles is len(Files); TotalSize is the sum of their sizes.
	TotalFiles int   `json:"total_files"`
	TotalSize  int64 `json:"total_size"`
	// TotalGzipSize is what a client that accepts gzip downloads to fetch
	// every file: the sum of GzipSize where a file has a copy, else of Size.
	TotalGzipSize int64 `json:"total_gzip_size"`
}

// File is one file of a built site.
type File struct {
	// Path is slash-separated and relative to the output folder.
	Path string `json:"path"`
	// Size is the file's length in bytes.
	Size int64 `json:"size"`
	// GzipSize is the length of Path+".gz", the gzip copy, or 0 if there is
	// none (the file is not compressible, or gzip would not make it smaller).
	GzipSize int64 `json:"gzip_size"`
	// SHA256 is the hex SHA-256 of the file's bytes.
	SHA256 string `json:"sha256"`
}

// newFile describes data stored under path with a gzip copy of gzipSize
// bytes (0 for none).
func newFile(path string, data []byte, gzipSize int) File {
	sum := sha256.Sum256(data)
	return File{Path: path, Size: int64(len(data)), GzipSize: int64(gzipSize), SHA256: hex.EncodeToString(sum[:])}
}

// newManifest lists files, which must be sorted by path, with their totals.
func newManifest(files []File) *Manifest {
	m := &Manifest{Generator: Generator, Files: files, TotalFiles: len(files)}
	if m.Files == nil {
		m.Files = []File{}
	}
	for _, f := range files {
		m.TotalSize += f.Size
		if f.GzipSize > 0 {
			m.TotalGzipSize += f.GzipSize
		} else {
			m.TotalGzipSize += f.Size
		}
	}
	return m
}

// Marshal returns the manifest as indented JSON ending in a newline: the
// bytes of manifest.json.
func (m *Manifest) Marshal() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		panic(err) // a Manifest holds only strings and numbers
	}
	return b.Bytes()
}

// File returns the entry for the slash-separated path, if any.
func (m *Manifest) File(path string) (File, bool) {
	for _, f := range m.Files {
		if f.Path == path {
			return f, true
		}
	}
	return File{}, false
}

// ReadManifest reads and decodes the manifest file at path.
func ReadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}
