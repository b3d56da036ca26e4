package timeseries

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxCSVBytes bounds the size of one CSV file (64 MiB). LoadFile refuses a
// larger file before reading it; LoadCSV stops reading there. The largest
// shipped file, seattle-weather.csv, holds 48,219 bytes.
const MaxCSVBytes = 64 << 20

// Series is a table of numeric columns indexed by time.
type Series struct {
	// Name is the name the series was read under (a file name); errors
	// about it start with this name.
	Name string
	// Columns names the value columns, in the order of CSVConfig.Columns.
	Columns []string
	// Times holds the time of each row, strictly increasing; nil if the
	// series was read without a time column (rows then keep file order).
	Times []time.Time
	// Values holds the values, shape (Len, len(Columns)), row-major: row i
	// of column j is at Values[i*len(Columns) + j].
	Values []float32
}

// Len is the number of rows (time steps).
func (s *Series) Len() int {
	if len(s.Columns) == 0 {
		return 0
	}
	return len(s.Values) / len(s.Columns)
}

// Features is the number of value columns.
func (s *Series) Features() int { return len(s.Columns) }

// At returns row i of column j.
func (s *Series) At(i, j int) float32 { return s.Values[i*len(s.Columns)+j] }

// Column returns a copy of column j, one value per row.
func (s *Series) Column(j int) []float32 {
	f := len(s.Columns)
	out := make([]float32, s.Len())
	for i := range out {
		out[i] = s.Values[i*f+j]
	}
	return out
}

// Index returns the position of the named column in Columns, or -1.
func (s *Series) Index(name string) int { return slices.Index(s.Columns, name) }

// CSVConfig says which columns of a CSV file make a Series. The file's first
// line is a header naming the columns; fields may be quoted as in RFC 4180.
type CSVConfig struct {
	// Time names the column holding each row's date or time; "" reads no
	// time column and keeps the rows in file order.
	Time string
	// TimeLayout is the Go time layout of the time column ("2006-01-02");
	// "" takes the first of TimeLayouts that parses the first row's time.
	// A time without a zone is read as UTC; one with a zone is converted to
	// UTC.
	TimeLayout string
	// Columns names the value columns to read, at least one; other columns
	// are ignored. Every value must be a finite number.
	Columns []string
}

// TimeLayouts are the layouts tried, in order, when CSVConfig.TimeLayout is
// empty: ISO dates and times, a month, "Jan 2 2006" (as in vega-datasets'
// sp500.csv) and a bare year.
var TimeLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01",
	"Jan 2 2006",
	"2006",
}

// LoadFile reads a Series from the CSV file at path (see LoadCSV). A file
// larger than MaxCSVBytes is refused before it is read.
func LoadFile(path string, cfg CSVConfig) (*Series, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("timeseries: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, fmt.Errorf("timeseries: %w", err)
	} else if st.Size() > MaxCSVBytes {
		return nil, fmt.Errorf("%s: too large: %d bytes, more than MaxCSVBytes (%d)", path, st.Size(), MaxCSVBytes)
	}
	return LoadCSV(f, path, cfg)
}

// errTooLarge is returned by limitReader past MaxCSVBytes.
var errTooLarge = errors.New("too large")

// limitReader reads at most n bytes from r, then fails with errTooLarge if
// more follow.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if m, _ := io.ReadFull(l.r, one[:]); m > 0 {
			return 0, errTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	m, err := l.r.Read(p)
	l.n -= int64(m)
	return m, err
}

// LoadCSV reads a Series from a CSV file with a header line: the columns
// named in cfg, in cfg's order, and the time column if cfg names one.
// Name is used in error messages, each of which starts with it and, for a
// bad row, gives the line (counted as editors count, from 1) and the
// column's name. Reading stops with an error after MaxCSVBytes.
func LoadCSV(r io.Reader, name string, cfg CSVConfig) (*Series, error) {
	return loadCSV(r, name, cfg, MaxCSVBytes)
}

// loadCSV is LoadCSV with the size limit as a parameter, for tests.
func loadCSV(r io.Reader, name string, cfg CSVConfig, limit int64) (*Series, error) {
	if len(cfg.Columns) == 0 {
		return nil, fmt.Errorf("%s: no value columns asked for (CSVConfig.Columns is empty)", name)
	}
	br := bufio.NewReader(&limitReader{r: r, n: limit})
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" { // a UTF-8 byte order mark
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file: want a header line naming the columns", name)
	}
	if err != nil {
		return nil, csvErr(name, err, limit)
	}
	cols, tcol, err := columns(name, header, cfg)
	if err != nil {
		return nil, err
	}

	s := &Series{Name: name, Columns: slices.Clone(cfg.Columns)}
	times := timeReader{file: name, column: cfg.Time, layout: cfg.TimeLayout}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(name, err, limit)
		}
		if tcol >= 0 {
			line, _ := cr.FieldPos(tcol)
			t, err := times.read(rec[tcol], line)
			if err != nil {
				return nil, err
			}
			s.Times = append(s.Times, t)
		}
		for j, c := range cols {
			v, err := parseValue(rec[c])
			if err != nil {
				line, _ := cr.FieldPos(c)
				return nil, fmt.Errorf("%s: line %d, column %q: %w", name, line, cfg.Columns[j], err)
			}
			s.Values = append(s.Values, v)
		}
	}
	if s.Len() == 0 {
		return nil, fmt.Errorf("%s: no data rows after the header", name)
	}
	return s, nil
}

// columns finds cfg's value columns and time column (-1 if none) in the
// header.
func columns(name string, header []string, cfg CSVConfig) (cols []int, tcol int, err error) {
	cols = make([]int, len(cfg.Columns))
	for j, c := range cfg.Columns {
		if cols[j], err = column(name, header, c); err != nil {
			return nil, -1, err
		}
		if slices.Index(cfg.Columns[:j], c) >= 0 {
			return nil, -1, fmt.Errorf("%s: column %q asked for twice", name, c)
		}
	}
	if cfg.Time == "" {
		return cols, -1, nil
	}
	if slices.Contains(cfg.Columns, cfg.Time) {
		return nil, -1, fmt.Errorf("%s: column %q is both the time column and a value column", name, cfg.Time)
	}
	if tcol, err = column(name, header, cfg.Time); err != nil {
		return nil, -1, err
	}
	return cols, tcol, nil
}

// timeReader reads a time column: it finds the layout on the first row if
// none is given and checks that times increase.
type timeReader struct {
	file, column, layout string
	prev                 time.Time
	started              bool
}

func (tr *timeReader) read(field string, line int) (time.Time, error) {
	field = strings.TrimSpace(field)
	if tr.layout == "" {
		if tr.layout = detectLayout(field); tr.layout == "" {
			return time.Time{}, fmt.Errorf("%s: line %d, column %q: cannot read %q as a time in any of the layouts %q (set CSVConfig.TimeLayout)",
				tr.file, line, tr.column, field, TimeLayouts)
		}
	}
	t, err := time.Parse(tr.layout, field)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: line %d, column %q: %q is not a time in the layout %q", tr.file, line, tr.column, field, tr.layout)
	}
	t = t.UTC()
	if tr.started && !t.After(tr.prev) {
		return time.Time{}, fmt.Errorf("%s: line %d, column %q: %s does not come after the previous row's %s: rows must be in strictly increasing time order",
			tr.file, line, tr.column, field, tr.prev.Format(tr.layout))
	}
	tr.prev, tr.started = t, true
	return t, nil
}

// column returns the index of the named column in the header.
func column(name string, header []string, col string) (int, error) {
	i := slices.Index(header, col)
	if i < 0 {
		return -1, fmt.Errorf("%s: no column %q in the header (columns: %q)", name, col, header)
	}
	if slices.Index(header[i+1:], col) >= 0 {
		return -1, fmt.Errorf("%s: the header names column %q more than once", name, col)
	}
	return i, nil
}

// detectLayout returns the first of TimeLayouts that parses s, or "".
func detectLayout(s string) string {
	for _, l := range TimeLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return l
		}
	}
	return ""
}

// parseValue reads one value: a finite number that fits a float32.
func parseValue(field string) (float32, error) {
	f := strings.TrimSpace(field)
	if f == "" {
		return 0, errors.New("empty value (missing data must be filled in before loading)")
	}
	v, err := strconv.ParseFloat(f, 32)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Errorf("%q is out of float32 range", f)
		}
		return 0, fmt.Errorf("%q is not a number", f)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", f)
	}
	return float32(v), nil
}

// csvErr names the file in an error of the CSV reader, which already gives
// the line (and column) of a malformed row.
func csvErr(name string, err error, limit int64) error {
	if errors.Is(err, errTooLarge) {
		return fmt.Errorf("%s: too large: more than %d bytes (MaxCSVBytes)", name, limit)
	}
	return fmt.Errorf("%s: %w", name, err)
}
