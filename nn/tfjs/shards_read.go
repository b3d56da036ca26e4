package tfjs

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strings"

	"gonn/nn/tensor"
)

// matchManifest pairs every model weight of the manifest with a weight of
// idx, checking shapes, before any weight file is read. Every weight of the
// model must be given exactly once; a manifest weight that belongs to no
// weight of the model is an error too (TF.js' strict loading).
func matchManifest(mj *ModelJSON, idx *weightsByName) (map[*WeightSpec]string, error) {
	targets := map[*WeightSpec]string{}
	givenBy := map[string]string{} // model weight → manifest name
	for g := range mj.WeightsManifest {
		for i := range mj.WeightsManifest[g].Weights {
			spec := &mj.WeightsManifest[g].Weights[i]
			if spec.Group == optimizerGroup {
				continue
			}
			name := idx.find(spec.Name)
			if name == "" {
				return nil, failf(ErrMismatch, "the manifest's weight %q belongs to no weight of the model (whose weights are %s)", spec.Name, listNames(idx.names))
			}
			if other, dup := givenBy[name]; dup {
				return nil, failf(ErrMismatch, "the manifest's weights %q and %q both give the model's weight %q", other, spec.Name, name)
			}
			if want := idx.vars[name].Shape(); !tensor.SameShape(spec.Shape, want) {
				return nil, failf(ErrMismatch, "weight %q has shape %v in the manifest, but the topology makes it %v", spec.Name, spec.Shape, want)
			}
			givenBy[name] = spec.Name
			targets[spec] = name
		}
	}
	var missing []string
	for _, name := range idx.names {
		if _, ok := givenBy[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, failf(ErrMismatch, "the manifest has no data for %d of the model's %d weights: %s", len(missing), len(idx.names), listNames(missing))
	}
	return targets, nil
}

// readWeights reads every group's files from fsys and returns the values
// of the model weights that targets maps, by TF.js name. Unless
// allowNonFinite, a NaN or ±Inf is ErrNonFinite. Nothing is written to the
// model.
func readWeights(mj *ModelJSON, fsys fs.FS, targets map[*WeightSpec]string, allowNonFinite bool) (map[string][]float32, error) {
	values := map[string][]float32{}
	for g := range mj.WeightsManifest {
		group := &mj.WeightsManifest[g]
		var need int64
		for _, spec := range group.Weights {
			n, _ := spec.byteSize() // checked by parseModelJSON
			need += n
		}
		data, err := readGroup(fsys, g, group.Paths, need)
		if err != nil {
			return nil, err
		}
		for i := range group.Weights {
			spec := &group.Weights[i]
			n, _ := spec.byteSize()
			chunk := data[:n]
			data = data[n:]
			name, isModel := targets[spec]
			if !isModel {
				continue // optimizer state
			}
			v := decodeFloats(chunk)
			if !allowNonFinite {
				if err := checkFinite(spec.Name, v); err != nil {
					return nil, err
				}
			}
			values[name] = v
		}
	}
	return values, nil
}

// readGroup reads the files of manifest group g, in order, and returns
// their concatenation, which must be exactly need bytes. It never holds
// more than need bytes: files that hold more are reported before they are
// read past.
func readGroup(fsys fs.FS, g int, paths []string, need int64) ([]byte, error) {
	if len(paths) == 0 && need > 0 {
		return nil, failf(ErrShardSize, "weights manifest group %d lists no weight file, but its weights need %d bytes", g+1, need)
	}
	buf := make([]byte, need)
	var got int64
	for _, p := range paths {
		clean, err := cleanPath(p)
		if err != nil {
			return nil, err
		}
		n, more, err := readInto(fsys, clean, buf[got:])
		if err != nil {
			return nil, err
		}
		if got += n; more > 0 {
			return nil, failf(ErrShardSize, "the weight files of manifest group %d hold more than the %d bytes its weights need: the files up to %q hold %d or more", g+1, need, p, got+more)
		}
	}
	if got < need {
		return nil, failf(ErrShardSize, "the weight files of manifest group %d (%s) hold %d bytes, but its weights need %d: a file is truncated or missing", g+1, strings.Join(paths, ", "), got, need)
	}
	return buf, nil
}

// readInto reads the file path of fsys into dst and returns the number of
// bytes read and, for a file longer than dst, how many more it has (as its
// size says, else at least 1), without reading them. A file that cannot be
// opened or read is ErrShardSize.
func readInto(fsys fs.FS, path string, dst []byte) (n, more int64, err error) {
	if fsys == nil {
		return 0, 0, failf(ErrShardSize, "weight file %q: no files to read from", path)
	}
	f, err := fsys.Open(path)
	if err != nil {
		return 0, 0, failf(ErrShardSize, "weight file %q cannot be opened: %v", path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > int64(len(dst)) {
		return 0, fi.Size(), nil
	}
	k, err := io.ReadFull(f, dst)
	switch {
	case err == nil:
		var extra [1]byte
		if k, _ := f.Read(extra[:]); k > 0 {
			return int64(len(dst)), 1, nil
		}
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		// A shorter file: the next file continues, or readGroup reports it.
	default:
		return 0, 0, failf(ErrShardSize, "weight file %q: %v", path, err)
	}
	return int64(k), 0, nil
}

// decodeFloats reads little-endian float32s.
func decodeFloats(b []byte) []float32 {
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}

// checkFinite reports the NaNs and infinities of a weight's values.
func checkFinite(name string, v []float32) error {
	first, count := -1, 0
	for i, x := range v {
		if f := float64(x); math.IsNaN(f) || math.IsInf(f, 0) {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if count == 0 {
		return nil
	}
	return failf(ErrNonFinite, "weight %q holds %d non-finite values of %d (the first, %v, at index %d)", name, count, len(v), v[first], first)
}

// listNames prints names for a message, the first ten and a count.
func listNames(names []string) string {
	const show = 10
	if len(names) <= show {
		return `"` + strings.Join(names, `", "`) + `"`
	}
	return fmt.Sprintf(`"%s" and %d more`, strings.Join(names[:show], `", "`), len(names)-show)
}
