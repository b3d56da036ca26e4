package timeseries

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestLoadCSV(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		cfg     CSVConfig
		times   []time.Time
		columns []string
		values  []float32
	}{
		{"two columns in the order asked",
			"date,a,b\n2020-01-01,1,10\n2020-01-02,2,20\n",
			CSVConfig{Time: "date", Columns: []string{"b", "a"}},
			[]time.Time{day("2020-01-01"), day("2020-01-02")}, []string{"b", "a"}, []float32{10, 1, 20, 2}},
		{"other columns ignored, even text",
			"date,v,weather\n2020-01-01,1.5,rain\n2020-01-03,-2.25,\"sun, then rain\"\n",
			CSVConfig{Time: "date", Columns: []string{"v"}},
			[]time.Time{day("2020-01-01"), day("2020-01-03")}, []string{"v"}, []float32{1.5, -2.25}},
		{"quoted fields, CRLF, byte order mark, spaces",
			"\ufeff\"date\",\"v\"\r\n\"2020-01-01\", 3 \r\n2020-01-02,\"4e1\"\r\n",
			CSVConfig{Time: "date", Columns: []string{"v"}},
			[]time.Time{day("2020-01-01"), day("2020-01-02")}, []string{"v"}, []float32{3, 40}},
		{"no time column",
			"x\n3\n1\n2\n",
			CSVConfig{Columns: []string{"x"}},
			nil, []string{"x"}, []float32{3, 1, 2}},
		{"layout detected: Jan 2 2006",
			"date,price\nJan 1 2000,1394.46\nFeb 1 2000,1366.42\n",
			CSVConfig{Time: "date", Columns: []string{"price"}},
			[]time.Time{day("2000-01-01"), day("2000-02-01")}, []string{"price"}, []float32{1394.46, 1366.42}},
		{"layout detected: year",
			"year,temp\n1880,-0.17\n1881,-0.09\n",
			CSVConfig{Time: "year", Columns: []string{"temp"}},
			[]time.Time{day("1880-01-01"), day("1881-01-01")}, []string{"temp"}, []float32{-0.17, -0.09}},
		{"layout detected: RFC 3339",
			"t,v\n2020-01-01T10:00:00Z,1\n2020-01-01T11:00:00+00:00,2\n",
			CSVConfig{Time: "t", Columns: []string{"v"}},
			[]time.Time{day("2020-01-01").Add(10 * time.Hour), day("2020-01-01").Add(11 * time.Hour)}, []string{"v"}, []float32{1, 2}},
		{"layout given",
			"t,v\n01/02/2020,1\n01/03/2020,2\n",
			CSVConfig{Time: "t", TimeLayout: "01/02/2006", Columns: []string{"v"}},
			[]time.Time{day("2020-01-02"), day("2020-01-03")}, []string{"v"}, []float32{1, 2}},
		{"no newline at the end",
			"t,v\n2020-01-01,7",
			CSVConfig{Time: "t", Columns: []string{"v"}},
			[]time.Time{day("2020-01-01")}, []string{"v"}, []float32{7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := LoadCSV(strings.NewReader(tt.in), "f.csv", tt.cfg)
			require.NoError(t, err)
			assert.Equal(t, "f.csv", s.Name)
			assert.Equal(t, tt.times, s.Times)
			assert.Equal(t, tt.columns, s.Columns)
			assert.Equal(t, tt.values, s.Values)
			assert.Equal(t, len(tt.values)/len(tt.columns), s.Len())
		})
	}
}

func TestLoadCSVErrors(t *testing.T) {
	v := CSVConfig{Time: "date", Columns: []string{"v"}}
	tests := []struct {
		name string
		in   string
		cfg  CSVConfig
		want string
	}{
		{"empty file", "", v, "f.csv: empty file: want a header line naming the columns"},
		{"header only", "date,v\n", v, "f.csv: no data rows after the header"},
		{"no columns asked for", "date,v\n2020-01-01,1\n", CSVConfig{Time: "date"}, "f.csv: no value columns asked for"},
		{"missing value column", "date,w\n2020-01-01,1\n", v, `f.csv: no column "v" in the header (columns: ["date" "w"])`},
		{"missing time column", "day,v\n2020-01-01,1\n", v, `f.csv: no column "date" in the header`},
		{"column named twice in the header", "date,v,v\n2020-01-01,1,2\n", v, `f.csv: the header names column "v" more than once`},
		{"column asked for twice", "date,v\n2020-01-01,1\n", CSVConfig{Time: "date", Columns: []string{"v", "v"}}, `f.csv: column "v" asked for twice`},
		{"time column as a value", "date,v\n2020-01-01,1\n", CSVConfig{Time: "date", Columns: []string{"date"}}, `f.csv: column "date" is both the time column and a value column`},
		{"not a number", "date,v\n2020-01-01,1\n2020-01-02,abc\n", v, `f.csv: line 3, column "v": "abc" is not a number`},
		{"empty value", "date,v\n2020-01-01,1\n2020-01-02,\n", v, `f.csv: line 3, column "v": empty value`},
		{"NaN", "date,v\n2020-01-01,NaN\n", v, `f.csv: line 2, column "v": "NaN" is not a finite number`},
		{"infinity", "date,v\n2020-01-01,-Inf\n", v, `f.csv: line 2, column "v": "-Inf" is not a finite number`},
		{"beyond float32", "date,v\n2020-01-01,1e39\n", v, `f.csv: line 2, column "v": "1e39" is out of float32 range`},
		{"too few fields", "date,v\n2020-01-01,1\n2020-01-02\n", v, "f.csv: record on line 3: wrong number of fields"},
		{"too many fields", "date,v\n2020-01-01,1,2\n", v, "f.csv: record on line 2: wrong number of fields"},
		{"bare quote", "date,v\n2020-01-01,1\"2\n", v, `f.csv: parse error on line 2, column 13: bare " in non-quoted-field`},
		{"unterminated quote", "date,v\n2020-01-01,\"1\n", v, `f.csv: parse error on line 2, column 15: extraneous or missing " in quoted-field`},
		{"line number counts quoted newlines", "date,note,v\n2020-01-01,\"two\nlines\",1\n2020-01-02,x,y\n", CSVConfig{Time: "date", Columns: []string{"v"}},
			`f.csv: line 4, column "v": "y" is not a number`},
		{"bad date in the layout found", "date,v\n2020-01-01,1\n2020-13-01,2\n", v, `f.csv: line 3, column "date": "2020-13-01" is not a time in the layout "2006-01-02"`},
		{"date in another layout", "date,v\n2020-01-01,1\nJan 2 2020,2\n", v, `f.csv: line 3, column "date": "Jan 2 2020" is not a time in the layout "2006-01-02"`},
		{"undetectable date", "date,v\nyesterday,1\n", v, `f.csv: line 2, column "date": cannot read "yesterday" as a time in any of the layouts`},
		{"rows out of order", "date,v\n2020-01-02,1\n2020-01-01,2\n", v,
			`f.csv: line 3, column "date": 2020-01-01 does not come after the previous row's 2020-01-02: rows must be in strictly increasing time order`},
		{"repeated time", "date,v\n2020-01-01,1\n2020-01-01,2\n", v, `f.csv: line 3, column "date": 2020-01-01 does not come after`},
		{"binary garbage", "\x00\x01\x02,\xff\n\x03,\x04\n", v, `f.csv: no column "v" in the header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := LoadCSV(strings.NewReader(tt.in), "f.csv", tt.cfg)
			require.Error(t, err)
			assert.Nil(t, s)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestLoadCSVLimit(t *testing.T) {
	in := "x\n1\n2\n3\n" // 8 bytes
	s, err := loadCSV(strings.NewReader(in), "f.csv", CSVConfig{Columns: []string{"x"}}, 8)
	require.NoError(t, err)
	assert.Equal(t, []float32{1, 2, 3}, s.Values)

	_, err = loadCSV(strings.NewReader(in+"4\n"), "f.csv", CSVConfig{Columns: []string{"x"}}, 8)
	require.Error(t, err)
	assert.Equal(t, "f.csv: too large: more than 8 bytes (MaxCSVBytes)", err.Error())

	// A reader that never ends is cut off at the limit.
	_, err = loadCSV(io.MultiReader(strings.NewReader("x\n"), &endless{}), "f.csv", CSVConfig{Columns: []string{"x"}}, 1<<16)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "too large")
}

// endless reads "1\n" forever.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "1\n"[e.n%2]
		e.n++
	}
	return len(p), nil
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.csv")
	require.NoError(t, os.WriteFile(path, []byte("t,v\n2001,1\n2002,2\n"), 0o644))
	s, err := LoadFile(path, CSVConfig{Time: "t", Columns: []string{"v"}})
	require.NoError(t, err)
	assert.Equal(t, path, s.Name)
	assert.Equal(t, []float32{1, 2}, s.Values)

	_, err = LoadFile(filepath.Join(dir, "missing.csv"), CSVConfig{Columns: []string{"v"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing.csv")

	// A sparse file over the limit is refused from its size, unread.
	big := filepath.Join(dir, "big.csv")
	require.NoError(t, os.WriteFile(big, []byte("t,v\n"), 0o644))
	require.NoError(t, os.Truncate(big, MaxCSVBytes+1))
	_, err = LoadFile(big, CSVConfig{Columns: []string{"v"}})
	require.Error(t, err)
	assert.Equal(t, big+": too large: 67108865 bytes, more than MaxCSVBytes (67108864)", err.Error())
}

func TestSeries_Accessors(t *testing.T) {
	s := &Series{Columns: []string{"a", "b"}, Values: []float32{1, 2, 3, 4, 5, 6}}
	assert.Equal(t, 3, s.Len())
	assert.Equal(t, 2, s.Features())
	assert.Equal(t, float32(4), s.At(1, 1))
	assert.Equal(t, []float32{2, 4, 6}, s.Column(1))
	assert.Equal(t, 1, s.Index("b"))
	assert.Equal(t, -1, s.Index("c"))
	assert.Equal(t, 0, (&Series{}).Len())
}
