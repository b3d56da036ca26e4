package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rows returns n lines "text i,label" with labels alternating 1, 0.
func rows(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("text number " + strings.Repeat("x", i%3+1) + "," + []string{"1", "0"}[i%2] + "\n")
	}
	return b.String()
}

func TestParseCSV(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		texts   []string // the first texts
		labels  []int    // their labels
		sources []string // their sources
		n       int
	}{
		{
			name: "no header", data: rows(10),
			texts: []string{"text number x", "text number xx"}, labels: []int{1, 0},
			sources: []string{"f.csv:1", "f.csv:2"}, n: 10,
		},
		{
			name: "header", data: "text,label\n" + rows(10),
			texts: []string{"text number x"}, labels: []int{1}, sources: []string{"f.csv:2"}, n: 10,
		},
		{
			name: "header in another order, more columns, any case", data: "id,Label,TEXT\n" +
				"7,positive,\"good, very good\"\n8,Negative,\"a \"\"bad\"\" one\"\n" + "9,1,ok\n10,0,no\n11,1,yes\n12,0,meh\n13,1,fine\n14,0,poor\n15,1,nice\n16,0,dull\n",
			texts: []string{"good, very good", `a "bad" one`, "ok"}, labels: []int{1, 0, 1},
			sources: []string{"f.csv:2", "f.csv:3", "f.csv:4"}, n: 10,
		},
		{
			name: "byte order mark, CRLF, a quoted newline", data: "\ufefftext,label\r\n\"two\nlines\",1\r\n" + strings.ReplaceAll(rows(9), "\n", "\r\n"),
			texts: []string{"two\nlines", "text number x"}, labels: []int{1, 1}, sources: []string{"f.csv:2", "f.csv:4"}, n: 10,
		},
		{
			name: "spaces around labels, text trimmed", data: "  fine film  , 1 \n" + rows(9),
			texts: []string{"fine film"}, labels: []int{1}, sources: []string{"f.csv:1"}, n: 10,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseCSV([]byte(tt.data), "f.csv")
			require.NoError(t, err)
			require.Equal(t, tt.n, d.Len())
			assert.Equal(t, tt.texts, d.Texts[:len(tt.texts)])
			assert.Equal(t, tt.labels, d.Labels[:len(tt.labels)])
			assert.Equal(t, tt.sources, d.Sources[:len(tt.sources)])
		})
	}
}

func TestParseCSV_Errors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", "f.csv: the file is empty: want rows of text,label"},
		{"one column", "just text\n", `f.csv: line 1: want a header naming the columns "text" and "label", or a first row text,label with a label 0 or 1; found 1 field: "just text"`},
		{"first label not a label", "good film,maybe\n" + rows(10), `found 2 fields: "good film,maybe"`},
		{"header twice", "text,label,text\n", `f.csv: line 1: the header names a column "text" or "label" twice`},
		{"bad label", rows(4) + "a sad film,2\n" + rows(6), `f.csv: line 5: the label "2" is not 0 or 1 (or negative, positive)`},
		{"empty label", "text,label\n" + rows(3) + "a film,\n", "f.csv: line 5: the label is empty: want 0 or 1 (or negative, positive)"},
		{"label on a later line", "text,label\n\"a\nb\",yes\n", `f.csv: line 3: the label "yes" is not 0 or 1`},
		{"empty text", rows(2) + " ,1\n" + rows(8), "f.csv: line 3: the text is empty"},
		{"unquoted comma", rows(6) + "good, really good,1\n", `f.csv: line 7: 3 fields, want 2 (text,label); quote a text that holds commas: "like, this"`},
		{"short row with header", "label,text,id\n1,ok,3\n0,no\n", "f.csv: line 3: 2 fields, want 3 (the header's columns)"},
		{"bare quote", rows(2) + "say \"hi\" there,1\n", `f.csv: line 3: bare " in non-quoted-field (a quote inside a quoted text is written twice: "")`},
		{"unclosed quote", rows(2) + "\"never closed,1\n", `f.csv: line 3: extraneous or missing " in quoted-field`},
		{"too few rows", "text,label\n" + rows(9), "f.csv: 9 rows of data; want at least 10 to train on some and validate on others"},
		{"one label only", strings.ReplaceAll(rows(12), ",0", ",1"), "f.csv: every row has label 1: the model needs examples of both labels, 0 and 1"},
		{"too large", strings.Repeat("x", maxCSVBytes+1), "f.csv: 8.4 MB is more than this page reads (8.4 MB)"},
		{"too many rows", rows(maxCSVRows + 1), "f.csv: more than 50,000 rows: this page trains on at most that many"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseCSV([]byte(tt.data), "f.csv")
			assert.Nil(t, d)
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
			}
		})
	}
}
