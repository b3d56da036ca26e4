package sentiment

import "gonn/data/afinn"

// AFINN165 parses the AFINN-165 list that gonn ships in data/afinn,
// embedded in the binary (package gonn/data/afinn): no file is read, so a
// GOOS=js page or the wasip1 engine gets it as a test does. Each call
// parses the 39 KB again (about a millisecond); keep the result.
func AFINN165() (*Lexicon, error) { return ParseLexicon(afinn.File, afinn.TSV) }
