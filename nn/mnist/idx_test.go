package mnist

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// idx encodes an IDX file: magic, dims, then data as given.
func idx(typ byte, dims []uint32, data []byte) []byte {
	b := []byte{0, 0, typ, byte(len(dims))}
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, d)
	}
	return append(b, data...)
}

// gz compresses b as one gzip member.
func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// seq returns n bytes 0, 1, 2, … (mod 256).
func seq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// modify returns a copy of b changed by f.
func modify(b []byte, f func([]byte) []byte) []byte {
	return f(append([]byte(nil), b...))
}

func TestReadIDX(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		typ   byte
		dims  []int
		bytes int
	}{
		{"raw ubyte 2x3", idx(TypeUint8, []uint32{2, 3}, seq(6)), TypeUint8, []int{2, 3}, 6},
		{"gzip ubyte 2x3", gz(idx(TypeUint8, []uint32{2, 3}, seq(6))), TypeUint8, []int{2, 3}, 6},
		{"raw ubyte 3-D", idx(TypeUint8, []uint32{4, 28, 28}, seq(4*28*28)), TypeUint8, []int{4, 28, 28}, 4 * 28 * 28},
		{"sbyte", idx(TypeInt8, []uint32{5}, seq(5)), TypeInt8, []int{5}, 5},
		{"short", idx(TypeInt16, []uint32{3}, seq(6)), TypeInt16, []int{3}, 6},
		{"int", idx(TypeInt32, []uint32{1, 2}, seq(8)), TypeInt32, []int{1, 2}, 8},
		{"float", gz(idx(TypeFloat32, []uint32{2}, seq(8))), TypeFloat32, []int{2}, 8},
		{"double", idx(TypeFloat64, []uint32{2, 1, 1}, seq(16)), TypeFloat64, []int{2, 1, 1}, 16},
		{"two gzip members", append(gz(idx(TypeUint8, []uint32{4}, nil)), gz(seq(4))...), TypeUint8, []int{4}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := ReadIDX(bytes.NewReader(tt.in), "f.idx")
			require.NoError(t, err)
			assert.Equal(t, "f.idx", x.Name)
			assert.Equal(t, tt.typ, x.Type)
			assert.Equal(t, tt.dims, x.Dims)
			assert.Equal(t, seq(tt.bytes), x.Data)
			assert.Equal(t, tt.bytes, x.Len()*ElemSize(x.Type))
		})
	}
}

func TestReadIDXErrors(t *testing.T) {
	good := idx(TypeUint8, []uint32{2, 3}, seq(6))
	goodGz := gz(good)
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "f.gz: truncated header: an IDX file starts with a 4-byte magic number, file holds 0 bytes"},
		{"short magic", []byte{0, 0, 8}, "f.gz: truncated header: an IDX file starts with a 4-byte magic number, file holds 3 bytes"},
		{"wrong magic", []byte{0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 0}, "f.gz: bad magic number 0x12345678: not an IDX file"},
		{"wrong magic in gzip", gz([]byte("hello, world")), "f.gz: bad magic number 0x68656c6c: not an IDX file"},
		{"one byte", []byte{0x1f}, "f.gz: truncated header"},
		{"unknown type", idx(0x07, []uint32{1}, seq(1)), "f.gz: unknown IDX element type 0x07"},
		{"no dims", idx(TypeUint8, nil, seq(1)), "f.gz: header declares 0 dimensions"},
		{"truncated dims", good[:10], "f.gz: truncated header: declares 2 dimensions (8 bytes), file holds 6 of them"},
		{"truncated dims in gzip", gz(good[:10]), "f.gz: truncated header: declares 2 dimensions (8 bytes), file holds 6 of them"},
		{"zero dim", idx(TypeUint8, []uint32{3, 0, 2}, nil), "f.gz: header declares dimension 1 of 3 as 0"},
		{"absurd dims", idx(TypeUint8, []uint32{1e9, 28, 28}, seq(10)),
			"f.gz: too large: header declares 1000000000x28x28 ubyte = 784000000000 bytes of data, more than MaxIDXBytes (1073741824)"},
		{"absurd by element size", idx(TypeFloat64, []uint32{1 << 28}, nil), "f.gz: too large: header declares 268435456 double = 2147483648 bytes"},
		{"just over the limit", idx(TypeUint8, []uint32{1<<30 + 1}, nil), "f.gz: too large"},
		{"overflowing dims", idx(TypeInt32, []uint32{1<<32 - 1, 1<<32 - 1, 1<<32 - 1, 1<<32 - 1, 1<<32 - 1}, nil), "f.gz: too large"},
		{"truncated data", good[:len(good)-2], "f.gz: truncated: header declares 6 bytes of data, file holds 4 (shape 2x3 of ubyte)"},
		{"no data", good[:12], "f.gz: truncated: header declares 6 bytes of data, file holds 0"},
		{"truncated data in gzip", gz(good[:len(good)-1]), "f.gz: truncated: header declares 6 bytes of data, file holds 5"},
		{"trailing bytes", append(idx(TypeUint8, []uint32{2, 3}, seq(6)), 1, 2, 3), "f.gz: 3 trailing bytes after the 6 bytes of data the header declares"},
		{"trailing bytes in gzip", gz(append(idx(TypeUint8, []uint32{2, 3}, seq(6)), 9)), "f.gz: 1 trailing bytes after the 6 bytes"},
		{"many trailing bytes", append(idx(TypeUint8, []uint32{1}, seq(1)), make([]byte, 2<<20)...), "f.gz: more than 1048576 trailing bytes"},
		{"junk after gzip", append(goodGz, "junk"...), "f.gz: trailing bytes after the gzip stream"},
		{"gzip magic only", []byte{0x1f, 0x8b}, "f.gz: corrupt gzip: header cut short"},
		{"bad gzip header", []byte{0x1f, 0x8b, 0x99, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "f.gz: corrupt gzip: gzip: invalid header"},
		{"cut gzip stream", goodGz[:len(goodGz)-12], "f.gz: corrupt gzip: compressed stream ends early"},
		{"bad gzip checksum", modify(goodGz, func(b []byte) []byte { b[len(b)-8] ^= 0xff; return b }), "f.gz: corrupt gzip: gzip: invalid checksum"},
		{"bad deflate data", modify(gz(seq(5000)), func(b []byte) []byte {
			for i := 10; i < len(b)-8; i++ {
				b[i] = 0xff
			}
			return b
		}), "f.gz: corrupt gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := ReadIDX(bytes.NewReader(tt.in), "f.gz")
			require.Error(t, err)
			assert.Nil(t, x)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// A header may lie about the size as long as it stays under MaxIDXBytes;
// the reader must then allocate about what the file holds, not what it
// declares.
func TestReadIDXLyingHeaderMemory(t *testing.T) {
	const declared = 1_300_000 // 1_300_000*28*28 bytes: just under MaxIDXBytes
	lying := idx(TypeUint8, []uint32{declared, 28, 28}, seq(10*28*28))
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"raw, under the limit", lying, "truncated: header declares 1019200000 bytes of data, file holds 7840"},
		{"gzip, under the limit", gz(lying), "truncated: header declares 1019200000 bytes of data, file holds 7840"},
		{"raw, 1e9 images", idx(TypeUint8, []uint32{1e9, 28, 28}, seq(10*28*28)), "too large"},
		{"gzip, 1e9 images", gz(idx(TypeUint8, []uint32{1e9, 28, 28}, seq(10*28*28))), "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := ReadIDX(bytes.NewReader(tt.in), "lying.gz")
			runtime.ReadMemStats(&after)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			allocated := after.TotalAlloc - before.TotalAlloc
			assert.Less(t, allocated, uint64(100<<20), "allocated %d bytes", allocated)
		})
	}
}

func TestTypeHelpers(t *testing.T) {
	tests := []struct {
		typ  byte
		size int
		name string
	}{
		{TypeUint8, 1, "ubyte"},
		{TypeInt8, 1, "sbyte"},
		{TypeInt16, 2, "short"},
		{TypeInt32, 4, "int"},
		{TypeFloat32, 4, "float"},
		{TypeFloat64, 8, "double"},
		{0x0A, 0, "0x0a"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.size, ElemSize(tt.typ), "ElemSize(%#x)", tt.typ)
		assert.Equal(t, tt.name, TypeName(tt.typ), "TypeName(%#x)", tt.typ)
	}
}

// FuzzReadIDX checks that no input panics and that what is accepted is
// consistent.
func FuzzReadIDX(f *testing.F) {
	f.Add(idx(TypeUint8, []uint32{2, 3}, seq(6)))
	f.Add(gz(idx(TypeInt16, []uint32{2}, seq(4))))
	f.Add(idx(TypeUint8, []uint32{1e9, 28, 28}, seq(10)))
	f.Add([]byte{0x1f, 0x8b, 8, 0})
	f.Fuzz(func(t *testing.T, in []byte) {
		x, err := ReadIDX(bytes.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		if len(x.Data) != x.Len()*ElemSize(x.Type) {
			t.Fatalf("dims %v of %s but %d bytes", x.Dims, TypeName(x.Type), len(x.Data))
		}
	})
}
