package mnist

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
)

// IDX element types: the third byte of an IDX file's magic number.
const (
	TypeUint8   byte = 0x08 // unsigned byte
	TypeInt8    byte = 0x09 // signed byte
	TypeInt16   byte = 0x0B // short, 2 bytes
	TypeInt32   byte = 0x0C // int, 4 bytes
	TypeFloat32 byte = 0x0D // float, 4 bytes
	TypeFloat64 byte = 0x0E // double, 8 bytes
)

// MaxIDXBytes bounds the data one IDX file may declare (1 GiB). A header
// declaring more is rejected before anything is allocated. The MNIST
// training images, the largest standard file, hold 47,040,000 bytes.
const MaxIDXBytes = 1 << 30

// IDX is one decoded IDX file: an n-dimensional array of one element type.
type IDX struct {
	// Name is the name the file was read under; every error about it
	// starts with this name.
	Name string
	// Type is the element type, one of TypeUint8 … TypeFloat64.
	Type byte
	// Dims is the extent of each axis, outermost first; every extent is > 0.
	Dims []int
	// Data holds the elements in row-major order, exactly as stored in the
	// file (multi-byte types are big-endian): the element at index
	// (i0, …, in) starts at byte ElemSize(Type) * (i0*Dims[1]*…*Dims[n] + … + in).
	// len(Data) == ElemSize(Type) * Dims[0] * … * Dims[n].
	Data []byte
}

// ElemSize is the size in bytes of one element of the IDX type t, or 0 if t
// is not an IDX type.
func ElemSize(t byte) int {
	switch t {
	case TypeUint8, TypeInt8:
		return 1
	case TypeInt16:
		return 2
	case TypeInt32, TypeFloat32:
		return 4
	case TypeFloat64:
		return 8
	}
	return 0
}

// TypeName is the IDX specification's name of type t ("ubyte", "sbyte",
// "short", "int", "float", "double"), or a hex byte for an unknown type.
func TypeName(t byte) string {
	switch t {
	case TypeUint8:
		return "ubyte"
	case TypeInt8:
		return "sbyte"
	case TypeInt16:
		return "short"
	case TypeInt32:
		return "int"
	case TypeFloat32:
		return "float"
	case TypeFloat64:
		return "double"
	}
	return fmt.Sprintf("0x%02x", t)
}

// Len is the number of elements: the product of Dims.
func (x *IDX) Len() int {
	n := 1
	for _, d := range x.Dims {
		n *= d
	}
	return n
}

// shape formats dims as "60000x28x28".
func shape(dims []int) string {
	s := make([]string, len(dims))
	for i, d := range dims {
		s[i] = fmt.Sprint(d)
	}
	return strings.Join(s, "x")
}

// gzipError marks an error that came from the gzip decompressor, so that a
// corrupt or cut gzip stream is not mistaken for a short IDX payload.
type gzipError struct{ err error }

func (e gzipError) Error() string { return e.err.Error() }
func (e gzipError) Unwrap() error { return e.err }

// errAfterGzip reports bytes after the last gzip member that do not start
// another member.
var errAfterGzip = errors.New("bytes after the gzip stream")

// gzipReader decompresses one or more concatenated gzip members from br and
// tags every error of the decompressor (except io.EOF) as a gzipError.
type gzipReader struct {
	z  *gzip.Reader
	br *bufio.Reader
}

func (g gzipReader) Read(p []byte) (int, error) {
	for {
		n, err := g.z.Read(p)
		if err == nil {
			return n, nil
		}
		if err != io.EOF {
			return n, gzipError{err}
		}
		// The member ended and its checksum matched. Another may follow.
		next, perr := g.br.Peek(2)
		switch {
		case len(next) == 2 && next[0] == 0x1f && next[1] == 0x8b:
			if err := g.z.Reset(g.br); err != nil {
				return n, gzipError{err}
			}
			g.z.Multistream(false)
		case len(next) > 0:
			return n, errAfterGzip
		case perr == io.EOF:
			return n, io.EOF
		default:
			return n, perr
		}
		if n > 0 {
			return n, nil
		}
	}
}

// readErr turns a read error into a message naming the file; short reads
// are reported by the caller, which knows what was expected.
func readErr(name string, err error) error {
	if err == errAfterGzip {
		return fmt.Errorf("%s: trailing bytes after the gzip stream (they are not another gzip member)", name)
	}
	var ge gzipError
	if errors.As(err, &ge) {
		if errors.Is(ge.err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%s: corrupt gzip: compressed stream ends early: %w", name, ge.err)
		}
		return fmt.Errorf("%s: corrupt gzip: %w", name, ge.err)
	}
	return fmt.Errorf("%s: read: %w", name, err)
}

// isShort reports whether err only means the input ended.
func isShort(err error) bool {
	return err == io.EOF || err == io.ErrUnexpectedEOF
}

// firstChunk is the most readAll allocates before any data has arrived; the
// buffer then doubles as data keeps coming, so a header that lies about the
// size costs at most about twice the bytes the file really holds.
const firstChunk = 4 << 20

// readAll reads exactly n bytes, growing its buffer only as data arrives.
// It returns the bytes read so far along with any error.
func readAll(r io.Reader, n int) ([]byte, error) {
	buf := make([]byte, 0, min(n, firstChunk))
	for len(buf) < n {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(n, 2*cap(buf)))
			copy(grown, buf)
			buf = grown
		}
		m, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// ReadIDX decodes one IDX file from r, raw or gzip-compressed (recognised by
// its magic bytes 1f 8b, not by name). Name is used in error messages, each
// of which starts with it and says what is wrong: a bad magic number (and
// what was found), an unknown element type, no or zero dimensions, a size
// above MaxIDXBytes, a truncated header or payload, bytes after the payload,
// or a corrupt gzip stream. r must hold exactly one IDX file.
func ReadIDX(r io.Reader, name string) (*IDX, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var in io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		z, err := gzip.NewReader(br)
		if err != nil {
			if isShort(err) {
				return nil, fmt.Errorf("%s: corrupt gzip: header cut short: %w", name, err)
			}
			return nil, fmt.Errorf("%s: corrupt gzip: %w", name, err)
		}
		defer z.Close()
		z.Multistream(false)
		in = gzipReader{z, br}
	}

	var head [4]byte
	if n, err := io.ReadFull(in, head[:]); err != nil {
		if isShort(err) {
			return nil, fmt.Errorf("%s: truncated header: an IDX file starts with a 4-byte magic number, file holds %d bytes", name, n)
		}
		return nil, readErr(name, err)
	}
	if head[0] != 0 || head[1] != 0 {
		return nil, fmt.Errorf("%s: bad magic number 0x%02x%02x%02x%02x: not an IDX file (want 0x0000 then a type byte and a dimension count)",
			name, head[0], head[1], head[2], head[3])
	}
	typ, ndims := head[2], int(head[3])
	size := ElemSize(typ)
	if size == 0 {
		return nil, fmt.Errorf("%s: unknown IDX element type 0x%02x (want 0x08 ubyte, 0x09 sbyte, 0x0B short, 0x0C int, 0x0D float or 0x0E double)", name, typ)
	}
	if ndims == 0 {
		return nil, fmt.Errorf("%s: header declares 0 dimensions", name)
	}

	raw := make([]byte, 4*ndims)
	if n, err := io.ReadFull(in, raw); err != nil {
		if isShort(err) {
			return nil, fmt.Errorf("%s: truncated header: declares %d dimensions (%d bytes), file holds %d of them",
				name, ndims, len(raw), n)
		}
		return nil, readErr(name, err)
	}
	dims := make([]int, ndims)
	total := uint64(size) // bytes of data; stays <= MaxIDXBytes*2^32, so no overflow
	over := false
	for i := range dims {
		d := uint64(raw[4*i])<<24 | uint64(raw[4*i+1])<<16 | uint64(raw[4*i+2])<<8 | uint64(raw[4*i+3])
		if d == 0 {
			return nil, fmt.Errorf("%s: header declares dimension %d of %d as 0", name, i, ndims)
		}
		if !over {
			total *= d
			over = total > MaxIDXBytes
		}
		dims[i] = int(min(d, MaxIDXBytes+1)) // keeps int from overflowing on 32-bit platforms
	}
	if over {
		return nil, fmt.Errorf("%s: too large: header declares %s %s = %s bytes of data, more than MaxIDXBytes (%d)",
			name, dimsText(raw), TypeName(typ), product(raw, size), MaxIDXBytes)
	}

	data, err := readAll(in, int(total))
	if err != nil {
		if isShort(err) {
			return nil, fmt.Errorf("%s: truncated: header declares %d bytes of data, file holds %d (shape %s of %s)",
				name, total, len(data), shape(dims), TypeName(typ))
		}
		return nil, readErr(name, err)
	}

	// The payload must end the file. Reading to EOF also makes gzip verify
	// its checksum.
	const trailLimit = 1 << 20
	extra, err := io.Copy(io.Discard, io.LimitReader(in, trailLimit+1))
	if err != nil {
		return nil, readErr(name, err)
	}
	if extra > trailLimit {
		return nil, fmt.Errorf("%s: more than %d trailing bytes after the %d bytes of data the header declares", name, trailLimit, total)
	}
	if extra > 0 {
		return nil, fmt.Errorf("%s: %d trailing bytes after the %d bytes of data the header declares", name, extra, total)
	}
	return &IDX{Name: name, Type: typ, Dims: dims, Data: data}, nil
}

// dimsText formats the raw big-endian dims as "1000000000x28x28", exactly as
// declared.
func dimsText(raw []byte) string {
	s := make([]string, len(raw)/4)
	for i := range s {
		s[i] = fmt.Sprint(uint32(raw[4*i])<<24 | uint32(raw[4*i+1])<<16 | uint32(raw[4*i+2])<<8 | uint32(raw[4*i+3]))
	}
	return strings.Join(s, "x")
}

// product is the declared byte size as text; it may exceed uint64, so it
// is computed in float64 and printed exactly only when small enough.
func product(raw []byte, size int) string {
	p := float64(size)
	for i := 0; i < len(raw); i += 4 {
		p *= float64(uint32(raw[i])<<24 | uint32(raw[i+1])<<16 | uint32(raw[i+2])<<8 | uint32(raw[i+3]))
	}
	if p < 1<<53 {
		return fmt.Sprintf("%.0f", p)
	}
	return fmt.Sprintf("%.3g", p)
}
