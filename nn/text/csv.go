package text

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// MaxCSVBytes bounds what LoadTextCSV reads (256 MiB); reading stops there
// with an error. The IMDb reviews as one CSV file hold about 66 MB.
const MaxCSVBytes = 256 << 20

// LoadTextCSV reads labelled texts from a CSV file whose first line is a
// header: the text from column textCol and an integer label >= 0 from
// column labelCol (other columns are ignored). Fields may be quoted as in
// RFC 4180, with commas, quotes ("") and newlines inside. Name is used in
// error messages and Sources; an error about a row gives its line, counted
// as an editor does (a quoted newline starts a new line).
func LoadTextCSV(r io.Reader, name, textCol, labelCol string) (*Dataset, error) {
	return loadTextCSV(r, name, textCol, labelCol, nil, MaxCSVBytes)
}

// LoadTextCSVClasses is LoadTextCSV for labels written as class names, such
// as "negative" and "positive": the label of a row is the index of its
// label field in classes, and any other label is an error.
func LoadTextCSVClasses(r io.Reader, name, textCol, labelCol string, classes []string) (*Dataset, error) {
	if len(classes) == 0 {
		return nil, fmt.Errorf("%s: no classes given", name)
	}
	for i, c := range classes {
		if slices.Index(classes[:i], c) >= 0 {
			return nil, fmt.Errorf("%s: class %q given twice", name, c)
		}
	}
	return loadTextCSV(r, name, textCol, labelCol, classes, MaxCSVBytes)
}

// loadTextCSV reads at most limit bytes (MaxCSVBytes; tests use less).
func loadTextCSV(r io.Reader, name, textCol, labelCol string, classes []string, limit int64) (*Dataset, error) {
	lr := &io.LimitedReader{R: r, N: limit + 1}
	br := bufio.NewReader(lr)
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" { // a UTF-8 byte order mark
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	tooLarge := func() error {
		return fmt.Errorf("%s: too large: more than %d bytes (MaxCSVBytes)", name, limit)
	}
	header, err := cr.Read()
	if lr.N <= 0 {
		return nil, tooLarge()
	}
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file: want a header line naming the columns", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	tc, err := headerColumn(name, header, textCol)
	if err != nil {
		return nil, err
	}
	lc, err := headerColumn(name, header, labelCol)
	if err != nil {
		return nil, err
	}
	if tc == lc {
		return nil, fmt.Errorf("%s: column %q is both the text and the label", name, textCol)
	}

	d := &Dataset{}
	for {
		rec, err := cr.Read()
		if lr.N <= 0 {
			return nil, tooLarge()
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(lc)
		label, err := parseLabel(rec[lc], classes)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d, column %q: %w", name, line, labelCol, err)
		}
		start, _ := cr.FieldPos(0)
		d.Texts = append(d.Texts, rec[tc])
		d.Labels = append(d.Labels, label)
		d.Sources = append(d.Sources, fmt.Sprintf("%s:%d", name, start))
	}
	if d.Len() == 0 {
		return nil, fmt.Errorf("%s: no data rows after the header", name)
	}
	return d, nil
}

// headerColumn returns the index of the named column in the header.
func headerColumn(name string, header []string, col string) (int, error) {
	i := slices.Index(header, col)
	if i < 0 {
		return -1, fmt.Errorf("%s: no column %q in the header (columns: %q)", name, col, header)
	}
	if slices.Index(header[i+1:], col) >= 0 {
		return -1, fmt.Errorf("%s: the header names column %q more than once", name, col)
	}
	return i, nil
}

// parseLabel reads a label: an integer >= 0, or with classes the index of
// the class name.
func parseLabel(field string, classes []string) (int, error) {
	f := strings.TrimSpace(field)
	if classes != nil {
		if i := slices.Index(classes, f); i >= 0 {
			return i, nil
		}
		return 0, fmt.Errorf("label %q is not one of the classes %q", f, classes)
	}
	if f == "" {
		return 0, errors.New("empty label")
	}
	v, err := strconv.Atoi(f)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("label %q is not an integer >= 0 (for class names use LoadTextCSVClasses)", f)
	}
	return v, nil
}
