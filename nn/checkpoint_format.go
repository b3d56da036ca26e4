package nn

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
)

// The checkpoint file: a fixed header, then a payload of sections, all
// little-endian. docs/checkpoint.md draws the layout; this file reads and
// writes its primitives.
//
//	offset  size  field
//	0       8     magic "GONNCKPT"
//	8       4     format version (uint32): checkpointVersion
//	12      8     payload length in bytes (uint64)
//	20      4     CRC-32C (Castagnoli) of the payload
//	24      …     payload

const (
	checkpointMagic   = "GONNCKPT"
	checkpointVersion = 1
	headerSize        = 24

	// Limits, checked before anything is allocated from a length read in
	// the file.
	maxPayload   = 1 << 34  // 16 GiB: far above any model a browser holds
	maxSpecBytes = 16 << 20 // the JSON model spec
	maxNameBytes = 4096     // a weight or slot name
	maxRank      = 8        // dimensions of one tensor
	maxRandState = 64       // the generator state
	maxLogs      = 256      // running logs of a stopped epoch
)

// ErrCheckpointCorrupt is wrapped by the errors of LoadCheckpoint for bytes
// that are not a whole, intact checkpoint: truncated, altered, of another
// format or version, or beyond its limits.
var ErrCheckpointCorrupt = errors.New("not a valid checkpoint")

// ErrCheckpointMismatch is wrapped by the errors of LoadCheckpoint for an
// intact checkpoint of another model: other layers or configs, loss,
// optimiser or hyper-parameters, or weights of other names or shapes.
var ErrCheckpointMismatch = errors.New("the checkpoint does not fit the model")

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// writeFramed writes the header for payload, then payload.
func writeFramed(w io.Writer, payload []byte) error {
	var h [headerSize]byte
	copy(h[:8], checkpointMagic)
	binary.LittleEndian.PutUint32(h[8:], checkpointVersion)
	binary.LittleEndian.PutUint64(h[12:], uint64(len(payload)))
	binary.LittleEndian.PutUint32(h[20:], crc32.Checksum(payload, crcTable))
	if _, err := w.Write(h[:]); err != nil {
		return err
	}
	_, err := w.Write(payload)
	return err
}

// readFramed reads a header and its payload from r and checks the magic,
// the version, the length limit and the CRC. Memory grows with the bytes
// actually read, so a length that lies costs nothing before the stream ends.
func readFramed(r io.Reader) ([]byte, error) {
	var h [headerSize]byte
	n, err := io.ReadFull(r, h[:])
	switch {
	case err == io.EOF:
		return nil, fmt.Errorf("%w: the file is empty", ErrCheckpointCorrupt)
	case err != nil && err != io.ErrUnexpectedEOF:
		return nil, err
	}
	if magic := string(h[:min(n, 8)]); n >= 8 && magic != checkpointMagic {
		return nil, fmt.Errorf("%w: the file starts with %q, not %q: not a gonn checkpoint", ErrCheckpointCorrupt, magic, checkpointMagic)
	}
	if n < headerSize {
		return nil, fmt.Errorf("%w: truncated: the header has %d of its %d bytes", ErrCheckpointCorrupt, n, headerSize)
	}
	if v := binary.LittleEndian.Uint32(h[8:]); v != checkpointVersion {
		return nil, fmt.Errorf("%w: format version %d; this gonn reads version %d", ErrCheckpointCorrupt, v, checkpointVersion)
	}
	size, sum := binary.LittleEndian.Uint64(h[12:]), binary.LittleEndian.Uint32(h[20:])
	if size > maxPayload {
		return nil, fmt.Errorf("%w: the header gives a payload of %d bytes, over the limit of %d", ErrCheckpointCorrupt, size, uint64(maxPayload))
	}
	payload, err := readUpTo(r, int(size))
	if err != nil {
		return nil, err
	}
	if got := crc32.Checksum(payload, crcTable); got != sum {
		return nil, fmt.Errorf("%w: corrupted: the payload's CRC-32C is %08x, the header says %08x", ErrCheckpointCorrupt, got, sum)
	}
	return payload, nil
}

// readUpTo reads exactly n bytes, in chunks, growing the buffer as they come.
func readUpTo(r io.Reader, n int) ([]byte, error) {
	const chunk = 16 << 20
	buf := make([]byte, 0, min(n, chunk))
	for len(buf) < n {
		start := len(buf)
		k := min(n-start, chunk)
		buf = slices.Grow(buf, k)[:start+k]
		got, err := io.ReadFull(r, buf[start:])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("%w: truncated: the payload has %d of its %d bytes", ErrCheckpointCorrupt, start+got, n)
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}

// encoder appends little-endian values to buf.
type encoder struct{ buf []byte }

func (e *encoder) u8(v uint8)   { e.buf = append(e.buf, v) }
func (e *encoder) u16(v uint16) { e.buf = binary.LittleEndian.AppendUint16(e.buf, v) }
func (e *encoder) u32(v uint32) { e.buf = binary.LittleEndian.AppendUint32(e.buf, v) }
func (e *encoder) u64(v uint64) { e.buf = binary.LittleEndian.AppendUint64(e.buf, v) }
func (e *encoder) f64(v float64) {
	e.u64(math.Float64bits(v))
}

// bytes writes a uint32 length, then b.
func (e *encoder) bytes(b []byte) {
	e.u32(uint32(len(b)))
	e.buf = append(e.buf, b...)
}

// str writes a uint16 length, then s.
func (e *encoder) str(s string) {
	e.u16(uint16(len(s)))
	e.buf = append(e.buf, s...)
}

// tensor writes a name, a uint8 rank, the uint32 dimensions, then the
// float32 values as their bits.
func (e *encoder) tensor(name string, shape []int, data []float32) {
	e.str(name)
	e.u8(uint8(len(shape)))
	for _, d := range shape {
		e.u32(uint32(d))
	}
	e.buf = slices.Grow(e.buf, 4*len(data))
	for _, v := range data {
		e.u32(math.Float32bits(v))
	}
}

// decoder reads what encoder wrote, checking every length against the bytes
// left before it allocates. The first error sticks; later reads return zero
// values.
type decoder struct {
	buf     []byte
	off     int
	section string // named in errors
	err     error
}

// failf records the first error, naming the section.
func (d *decoder) failf(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s section: %s", ErrCheckpointCorrupt, d.section, fmt.Sprintf(format, args...))
	}
}

// take returns the next n bytes, or nil after recording an error.
func (d *decoder) take(n int, what string) []byte {
	if d.err != nil {
		return nil
	}
	if left := len(d.buf) - d.off; n < 0 || n > left {
		d.failf("%s needs %d bytes, %d left", what, n, left)
		return nil
	}
	b := d.buf[d.off : d.off+n]
	d.off += n
	return b
}

func (d *decoder) u8(what string) uint8 {
	if b := d.take(1, what); b != nil {
		return b[0]
	}
	return 0
}

func (d *decoder) u16(what string) uint16 {
	if b := d.take(2, what); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (d *decoder) u32(what string) uint32 {
	if b := d.take(4, what); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (d *decoder) u64(what string) uint64 {
	if b := d.take(8, what); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (d *decoder) f64(what string) float64 { return math.Float64frombits(d.u64(what)) }

// count reads a uint32 count of items of at least itemSize bytes each, and
// checks that they can fit in what is left and within limit.
func (d *decoder) count(what string, itemSize, limit int) int {
	n := int(d.u32(what))
	if d.err == nil && (n > limit || n*itemSize > len(d.buf)-d.off) {
		d.failf("%s is %d, more than the %d bytes left can hold", what, n, len(d.buf)-d.off)
		return 0
	}
	return n
}

// bytes reads what encoder.bytes wrote, at most limit bytes, copied.
func (d *decoder) bytes(what string, limit int) []byte {
	n := int(d.u32(what + " length"))
	if d.err == nil && n > limit {
		d.failf("%s has %d bytes, over the limit of %d", what, n, limit)
		return nil
	}
	return slices.Clone(d.take(n, what))
}

// str reads what encoder.str wrote.
func (d *decoder) str(what string) string {
	n := int(d.u16(what + " length"))
	if d.err == nil && n > maxNameBytes {
		d.failf("%s has %d bytes, over the limit of %d", what, n, maxNameBytes)
		return ""
	}
	return string(d.take(n, what))
}

// tensor reads what encoder.tensor wrote; what names it in errors.
func (d *decoder) tensor(what string) (name string, shape []int, data []float32) {
	name = d.str(what + " name")
	what = fmt.Sprintf("%s %q", what, name)
	rank := int(d.u8(what + " rank"))
	if d.err == nil && rank > maxRank {
		d.failf("%s has rank %d, over the limit of %d", what, rank, maxRank)
		return "", nil, nil
	}
	shape = make([]int, rank)
	size := 1
	for i := range shape {
		shape[i] = int(d.u32(what + " shape"))
		if d.err == nil && shape[i] != 0 && size > (len(d.buf)-d.off)/4/shape[i] {
			d.failf("%s has shape %v…: more values than the %d bytes left can hold", what, shape[:i+1], len(d.buf)-d.off)
			return "", nil, nil
		}
		size *= shape[i]
	}
	raw := d.take(4*size, what+" values")
	if raw == nil {
		return "", nil, nil
	}
	data = make([]float32, size)
	for i := range data {
		data[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return name, shape, data
}
