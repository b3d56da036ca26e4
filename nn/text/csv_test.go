package text

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadTextCSV(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		texts   []string
		labels  []int
		sources []string
	}{
		{"plain", "text,label\ngood,1\nbad,0\n",
			[]string{"good", "bad"}, []int{1, 0}, []string{"f.csv:2", "f.csv:3"}},
		{"quoted commas, quotes and newlines; columns in any order",
			"id,label,text\n1,1,\"Loved it, really.\"\n2,0,\"He said \"\"no\"\".\"\n3,2,\"two\nlines\"\n4, 3 ,x\n",
			[]string{"Loved it, really.", `He said "no".`, "two\nlines", "x"}, []int{1, 0, 2, 3},
			[]string{"f.csv:2", "f.csv:3", "f.csv:4", "f.csv:6"}},
		{"CRLF, byte order mark, no final newline", "\ufefftext,label\r\na,0\r\nb,1",
			[]string{"a", "b"}, []int{0, 1}, []string{"f.csv:2", "f.csv:3"}},
		{"empty text", "text,label\n,1\n", []string{""}, []int{1}, []string{"f.csv:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := LoadTextCSV(strings.NewReader(tt.in), "f.csv", "text", "label")
			require.NoError(t, err)
			assert.Equal(t, tt.texts, d.Texts)
			assert.Equal(t, tt.labels, d.Labels)
			assert.Equal(t, tt.sources, d.Sources)
		})
	}
}

func TestLoadTextCSVClasses(t *testing.T) {
	in := "review,sentiment\n\"A fine, fine film\",positive\nMeh,negative\nYes, positive \n"
	d, err := LoadTextCSVClasses(strings.NewReader(in), "imdb.csv", "review", "sentiment", []string{"negative", "positive"})
	require.NoError(t, err)
	assert.Equal(t, []string{"A fine, fine film", "Meh", "Yes"}, d.Texts)
	assert.Equal(t, []int{1, 0, 1}, d.Labels)

	_, err = LoadTextCSVClasses(strings.NewReader(in), "imdb.csv", "review", "sentiment", []string{"negative"})
	assert.EqualError(t, err, `imdb.csv: line 2, column "sentiment": label "positive" is not one of the classes ["negative"]`)
	_, err = LoadTextCSVClasses(strings.NewReader(in), "imdb.csv", "review", "sentiment", nil)
	assert.EqualError(t, err, "imdb.csv: no classes given")
	_, err = LoadTextCSVClasses(strings.NewReader(in), "imdb.csv", "review", "sentiment", []string{"a", "b", "a"})
	assert.EqualError(t, err, `imdb.csv: class "a" given twice`)
}

func TestLoadTextCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty file", "", "f.csv: empty file: want a header line naming the columns"},
		{"header only", "text,label\n", "f.csv: no data rows after the header"},
		{"no label column", "text,class\na,1\n", `f.csv: no column "label" in the header (columns: ["text" "class"])`},
		{"no text column", "review,label\na,1\n", `f.csv: no column "text" in the header`},
		{"column named twice", "text,label,text\na,1,b\n", `f.csv: the header names column "text" more than once`},
		{"label not a number", "text,label\na,1\nb,pos\n", `f.csv: line 3, column "label": label "pos" is not an integer >= 0 (for class names use LoadTextCSVClasses)`},
		{"negative label", "text,label\na,-1\n", `f.csv: line 2, column "label": label "-1" is not an integer >= 0`},
		{"fractional label", "text,label\na,1.0\n", `f.csv: line 2, column "label": label "1.0" is not an integer >= 0`},
		{"empty label", "text,label\na,\n", `f.csv: line 2, column "label": empty label`},
		{"line count after a quoted newline", "text,label\n\"x\ny\",1\nz,?\n", `f.csv: line 4, column "label": label "?"`},
		{"too few fields", "text,label\na,1\nb\n", "f.csv: record on line 3: wrong number of fields"},
		{"too many fields", "text,label\na,1,2\n", "f.csv: record on line 2: wrong number of fields"},
		{"bare quote", "text,label\na\"b,1\n", `f.csv: parse error on line 2, column 2: bare " in non-quoted-field`},
		{"unterminated quote", "text,label\n\"a,1\nb,0\n", `f.csv: record on line 2; parse error on line 3, column 5: extraneous or missing " in quoted-field`},
		{"binary garbage", "\x00\xff\x10\n\x01,\x02\n", `f.csv: no column "text" in the header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := LoadTextCSV(strings.NewReader(tt.in), "f.csv", "text", "label")
			require.Error(t, err)
			assert.Nil(t, d)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	_, err := LoadTextCSV(strings.NewReader("t,l\na,1\n"), "f.csv", "t", "t")
	assert.EqualError(t, err, `f.csv: column "t" is both the text and the label`)
}

func TestLoadTextCSVLimit(t *testing.T) {
	in := "text,label\na,1\n" // 15 bytes
	d, err := loadTextCSV(strings.NewReader(in), "f.csv", "text", "label", nil, 15)
	require.NoError(t, err)
	assert.Equal(t, 1, d.Len())
	_, err = loadTextCSV(strings.NewReader(in+"b,0\n"), "f.csv", "text", "label", nil, 15)
	assert.EqualError(t, err, "f.csv: too large: more than 15 bytes (MaxCSVBytes)")
	// One endless quoted field is cut off too.
	_, err = loadTextCSV(io.MultiReader(strings.NewReader("text,label\n\""), zeros{}), "f.csv", "text", "label", nil, 1<<16)
	assert.EqualError(t, err, "f.csv: too large: more than 65536 bytes (MaxCSVBytes)")
}

// zeros reads 'a' forever.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}
