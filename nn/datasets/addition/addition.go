// Package addition makes the data of Keras' addition_rnn example: questions
// such as "535+61" and their answers "596", as strings and as one-hot
// tensors, for a sequence-to-sequence model to learn to add.
//
// The core type is Set: unique questions with their answers, made by
// Generate from a Config and a seeded generator (the same seed gives the
// same set on every platform). As in the Keras example, a question is two
// numbers of 1 to Digits digits (each digit uniform, so "007" gives 7),
// "a+b" padded with spaces to QueryLen = 2·Digits+1 characters, and
// reversed when Reverse is set (Sutskever et al.: it shortens the path
// between the digits the model must add); the answer is the sum padded to
// AnswerLen = Digits+1. a+b and b+a count as the same question. Set.X and
// Set.Y one-hot the strings over Chars; Decode reads model outputs back.
package addition

import (
	"fmt"
	"strconv"
	"strings"

	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// Chars are the characters of questions and answers, in the order of their
// one-hot index: Keras' CharacterTable sorts "0123456789+ ".
const Chars = " +0123456789"

// Config is the Keras example's constants.
type Config struct {
	Digits  int  // most digits of each number (DIGITS = 3)
	Size    int  // number of unique questions (TRAINING_SIZE = 50,000)
	Reverse bool // reverse each question (REVERSE = True)
}

// Default is the Keras example: 50,000 questions of up to 3-digit numbers,
// reversed.
func Default() Config { return Config{Digits: 3, Size: 50000, Reverse: true} }

// QueryLen is the length of a question, "999+999": MAXLEN in Keras.
func (c Config) QueryLen() int { return 2*c.Digits + 1 }

// AnswerLen is the length of an answer, "1998": DIGITS + 1.
func (c Config) AnswerLen() int { return c.Digits + 1 }

// Set is questions and their answers, as padded strings.
type Set struct {
	Config
	Questions []string // QueryLen characters each, reversed if Reverse
	Answers   []string // AnswerLen characters each
}

// Generate draws cfg.Size unique questions from r, as Keras' example does.
// It fails if there are not that many distinct questions of cfg.Digits
// digits.
func Generate(cfg Config, r *rng.Rand) (*Set, error) {
	if cfg.Digits < 1 || cfg.Digits > 9 {
		return nil, fmt.Errorf("addition: digits must be in [1, 9], got %d", cfg.Digits)
	}
	n := 1
	for range cfg.Digits {
		n *= 10
	}
	if cfg.Size < 0 || cfg.Size > n*(n+1)/2 {
		return nil, fmt.Errorf("addition: %d questions asked, but there are only %d distinct ones of %d digits", cfg.Size, n*(n+1)/2, cfg.Digits)
	}
	number := func() int {
		v := 0
		for range 1 + r.Intn(cfg.Digits) {
			v = 10*v + r.Intn(10)
		}
		return v
	}
	s := &Set{Config: cfg}
	seen := map[[2]int]bool{}
	for len(s.Questions) < cfg.Size {
		a, b := number(), number()
		key := [2]int{min(a, b), max(a, b)}
		if seen[key] {
			continue
		}
		seen[key] = true
		q := pad(strconv.Itoa(a)+"+"+strconv.Itoa(b), cfg.QueryLen())
		if cfg.Reverse {
			q = reverse(q)
		}
		s.Questions = append(s.Questions, q)
		s.Answers = append(s.Answers, pad(strconv.Itoa(a+b), cfg.AnswerLen()))
	}
	return s, nil
}

// Split shuffles the set with r and cuts it in two: the last
// ⌊N·fraction⌋ questions are the second part (Keras: split_at =
// len(x) - len(x) // 10 for a tenth).
func (s *Set) Split(r *rng.Rand, fraction float64) (train, val *Set) {
	perm := r.Perm(len(s.Questions))
	at := len(perm) - int(float64(len(perm))*fraction)
	part := func(idx []int) *Set {
		p := &Set{Config: s.Config}
		for _, i := range idx {
			p.Questions = append(p.Questions, s.Questions[i])
			p.Answers = append(p.Answers, s.Answers[i])
		}
		return p
	}
	return part(perm[:at]), part(perm[at:])
}

// X is the questions one-hot: (N, QueryLen, len(Chars)).
func (s *Set) X() *tensor.Tensor { return Encode(s.Questions, s.QueryLen()) }

// Y is the answers one-hot: (N, AnswerLen, len(Chars)).
func (s *Set) Y() *tensor.Tensor { return Encode(s.Answers, s.AnswerLen()) }

// Encode one-hots strings of length chars over Chars: (N, length,
// len(Chars)). It panics, wrapping tensor.ErrShape, on a string of another
// length or a character outside Chars.
func Encode(strs []string, length int) *tensor.Tensor {
	const c = len(Chars)
	t := tensor.New(len(strs), length, c)
	for i, s := range strs {
		if len(s) != length {
			tensor.Shapef("addition: %q has %d characters, want %d", s, len(s), length)
		}
		for j := range length {
			k := strings.IndexByte(Chars, s[j])
			if k < 0 {
				tensor.Shapef("addition: %q: character %q is not in %q", s, s[j], Chars)
			}
			t.Data[(i*length+j)*c+k] = 1
		}
	}
	return t
}

// Decode reads (N, length, len(Chars)) scores (one-hot rows or a model's
// probabilities) back into strings, taking the best character at each step
// (the first, on a tie).
func Decode(t *tensor.Tensor) []string {
	const c = len(Chars)
	if t.Rank() != 3 || t.Shape[2] != c {
		tensor.Shapef("addition: Decode: shape %v, want (N, length, %d)", t.Shape, c)
	}
	n, length := t.Shape[0], t.Shape[1]
	out := make([]string, n)
	buf := make([]byte, length)
	for i := range n {
		for j := range length {
			row := t.Data[(i*length+j)*c:][:c]
			best := 0
			for k, v := range row {
				if v > row[best] {
					best = k
				}
			}
			buf[j] = Chars[best]
		}
		out[i] = string(buf)
	}
	return out
}

// Accuracy compares predicted answers with the true ones: the fraction of
// answers right in every character, and the fraction of characters right.
func Accuracy(pred, want []string) (sequence, char float64) {
	if len(pred) != len(want) || len(want) == 0 {
		return 0, 0
	}
	seqOK, charOK, chars := 0, 0, 0
	for i, w := range want {
		p := pred[i]
		same := len(p) == len(w)
		for j := range len(w) {
			chars++
			if j < len(p) && p[j] == w[j] {
				charOK++
			} else {
				same = false
			}
		}
		if same {
			seqOK++
		}
	}
	return float64(seqOK) / float64(len(want)), float64(charOK) / float64(chars)
}

// pad appends spaces to s up to n characters.
func pad(s string, n int) string { return s + strings.Repeat(" ", n-len(s)) }

// reverse reverses an ASCII string.
func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
