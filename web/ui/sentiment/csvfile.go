package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"gonn/nn/text"
	"gonn/web/ui/internal/format"
)

// The limits of a file the page reads: its memory, and the time a browser
// takes to train on it.
const (
	maxCSVBytes = 8 << 20
	minCSVRows  = 10
	maxCSVRows  = 50000
)

// parseCSV reads the user's file of labelled texts: rows of text,label
// (RFC 4180: a text with commas, quotes or newlines is quoted, a quote
// inside doubled), with an optional header line naming the columns "text"
// and "label" (any order, other columns ignored). A label is 0 or 1, or
// negative or positive. Every error names the file and, for a row, its
// line as an editor counts them; the Dataset's Sources are "name:line".
func parseCSV(data []byte, name string) (*text.Dataset, error) {
	fail := func(msg string) error { return errors.New(name + ": " + msg) }
	if len(data) > maxCSVBytes {
		return nil, fail(sizeText(len(data)) + " is more than this page reads (" + sizeText(maxCSVBytes) + ")")
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a UTF-8 byte order mark
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // counted here, with a clearer message
	cols, header, err := readColumns(r)
	if err != nil {
		return nil, fail(err.Error())
	}
	d := &text.Dataset{}
	seen := [2]int{} // rows per label
	for first := !header; ; first = false {
		var rec []string
		if first {
			rec = cols.firstRow
		} else if rec, err = r.Read(); err == io.EOF {
			break
		} else if err != nil {
			return nil, fail(csvErrorText(err))
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line among the rows
		}
		if len(rec) != cols.fields {
			return nil, fail("line " + format.Itoa(line) + ": " + count(len(rec), "field", "fields") + ", want " +
				format.Itoa(cols.fields) + " (" + cols.want + "); quote a text that holds commas: \"like, this\"")
		}
		t := strings.TrimSpace(rec[cols.text])
		if t == "" {
			return nil, fail("line " + format.Itoa(line) + ": the text is empty")
		}
		label, err := parseLabel(rec[cols.label])
		if err != nil {
			labelLine, _ := r.FieldPos(cols.label)
			return nil, fail("line " + format.Itoa(labelLine) + ": " + err.Error())
		}
		if d.Len() == maxCSVRows {
			return nil, fail("more than " + format.Thousands(maxCSVRows) + " rows: this page trains on at most that many")
		}
		d.Texts = append(d.Texts, t)
		d.Labels = append(d.Labels, label)
		d.Sources = append(d.Sources, name+":"+format.Itoa(line))
		seen[label]++
	}
	switch {
	case d.Len() < minCSVRows:
		return nil, fail(count(d.Len(), "row", "rows") + " of data; want at least " + format.Itoa(minCSVRows) +
			" to train on some and validate on others")
	case seen[0] == 0 || seen[1] == 0:
		return nil, fail("every row has label " + format.Itoa(d.Labels[0]) + ": the model needs examples of both labels, 0 and 1")
	}
	return d, nil
}

// columns says where the text and the label are.
type columns struct {
	text, label int
	fields      int      // per row
	want        string   // the fields as the message about a bad row names them
	firstRow    []string // the first data row, when there is no header
}

// readColumns reads the first line: a header naming "text" and "label",
// or already a row of text,label.
func readColumns(r *csv.Reader) (c columns, header bool, err error) {
	first, err := r.Read()
	if err == io.EOF {
		return c, false, errors.New("the file is empty: want rows of text,label")
	}
	if err != nil {
		return c, false, errors.New(csvErrorText(err))
	}
	c = columns{text: -1, label: -1, fields: len(first)}
	for i, f := range first {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "text":
			c.text = columnOnce(c.text, i)
		case "label":
			c.label = columnOnce(c.label, i)
		}
	}
	switch {
	case c.text == -2 || c.label == -2:
		return c, false, errors.New("line 1: the header names a column \"text\" or \"label\" twice")
	case c.text >= 0 && c.label >= 0:
		c.want = "the header's columns"
		return c, true, nil
	case len(first) == 2:
		if _, err := parseLabel(first[1]); err == nil {
			c.text, c.label, c.want, c.firstRow = 0, 1, "text,label", first
			return c, false, nil
		}
	}
	return c, false, errors.New("line 1: want a header naming the columns \"text\" and \"label\", or a first row text,label " +
		"with a label 0 or 1; found " + count(len(first), "field", "fields") + ": " + strconv.Quote(clip(strings.Join(first, ","), 60)))
}

// columnOnce is the column index i for a name seen first at i, or -2 when
// the name was seen before (at was not -1).
func columnOnce(at, i int) int {
	if at != -1 {
		return -2
	}
	return i
}

// parseLabel reads a label: 0 or negative, 1 or positive (any case, spaces
// around allowed).
func parseLabel(field string) (int, error) {
	switch strings.ToLower(strings.TrimSpace(field)) {
	case "0", "negative":
		return 0, nil
	case "1", "positive":
		return 1, nil
	case "":
		return 0, errors.New("the label is empty: want 0 or 1 (or negative, positive)")
	}
	return 0, errors.New("the label " + strconv.Quote(clip(strings.TrimSpace(field), 40)) + " is not 0 or 1 (or negative, positive)")
}

// csvErrorText is encoding/csv's error with the line first, as the page's
// other messages: "line 3: bare \" in non-quoted field".
func csvErrorText(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := "line " + format.Itoa(pe.Line) + ": " + pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrBareQuote) || errors.Is(pe.Err, csv.ErrQuote) {
			msg += " (a quote inside a quoted text is written twice: \"\")"
		}
		return msg
	}
	return err.Error()
}
