package addition_test

import (
	"strconv"
	"strings"
	"testing"

	"gonn/nn/datasets/addition"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGenerate: every question is well formed, its answer is its sum, and
// no question comes twice, a+b and b+a included.
func TestGenerate(t *testing.T) {
	for _, cfg := range []addition.Config{
		{Digits: 3, Size: 2000, Reverse: true},
		{Digits: 2, Size: 300},
		{Digits: 1, Size: 55}, // all of them
	} {
		s, err := addition.Generate(cfg, rng.New(1))
		require.NoError(t, err)
		require.Len(t, s.Questions, cfg.Size)
		require.Len(t, s.Answers, cfg.Size)
		seen := map[[2]int]bool{}
		for i, q := range s.Questions {
			require.Len(t, q, cfg.QueryLen(), q)
			require.Len(t, s.Answers[i], cfg.AnswerLen())
			if cfg.Reverse {
				q = reverse(q)
			}
			terms := strings.Split(strings.TrimRight(q, " "), "+")
			require.Len(t, terms, 2, q)
			a, errA := strconv.Atoi(terms[0])
			b, errB := strconv.Atoi(terms[1])
			require.NoError(t, errA, q)
			require.NoError(t, errB, q)
			assert.LessOrEqual(t, len(terms[0]), cfg.Digits, q)
			sum, err := strconv.Atoi(strings.TrimRight(s.Answers[i], " "))
			require.NoError(t, err)
			assert.Equal(t, a+b, sum, q)
			key := [2]int{min(a, b), max(a, b)}
			assert.False(t, seen[key], "%q twice", q)
			seen[key] = true
		}
	}
	_, err := addition.Generate(addition.Config{Digits: 1, Size: 56}, rng.New(1))
	assert.ErrorContains(t, err, "only 55 distinct")
}

// TestGenerate_Seeded: the same seed gives the same questions; another
// seed others.
func TestGenerate_Seeded(t *testing.T) {
	cfg := addition.Config{Digits: 3, Size: 100, Reverse: true}
	a, _ := addition.Generate(cfg, rng.New(5))
	b, _ := addition.Generate(cfg, rng.New(5))
	c, _ := addition.Generate(cfg, rng.New(6))
	assert.Equal(t, a.Questions, b.Questions)
	assert.NotEqual(t, a.Questions, c.Questions)
}

func TestSplit(t *testing.T) {
	s, err := addition.Generate(addition.Config{Digits: 2, Size: 1000}, rng.New(2))
	require.NoError(t, err)
	train, val := s.Split(rng.New(3), 0.1)
	assert.Len(t, train.Questions, 900)
	assert.Len(t, val.Questions, 100)
	all := map[string]string{}
	for i, q := range append(train.Questions, val.Questions...) {
		all[q] = append(train.Answers, val.Answers...)[i]
	}
	require.Len(t, all, 1000, "a split holds every question once")
	for i, q := range s.Questions {
		assert.Equal(t, s.Answers[i], all[q])
	}
}

func TestEncodeDecode(t *testing.T) {
	x := addition.Encode([]string{"12+3 ", " +09"[:4] + "8"}, 5)
	assert.Equal(t, []int{2, 5, 12}, x.Shape)
	// " +0123456789": '1' is index 3, '+' 1, ' ' 0.
	assert.Equal(t, float32(1), x.At(0, 0, 3))
	assert.Equal(t, float32(1), x.At(0, 2, 1))
	assert.Equal(t, float32(1), x.At(0, 4, 0))
	var sum float32
	for _, v := range x.Data {
		sum += v
	}
	assert.Equal(t, float32(10), sum, "one 1 per character")
	assert.Equal(t, []string{"12+3 ", " +098"}, addition.Decode(x))
	assert.PanicsWithError(t, `tensor: shape mismatch: addition: "12" has 2 characters, want 3`, func() { addition.Encode([]string{"12"}, 3) })
	assert.Panics(t, func() { addition.Encode([]string{"1-2"}, 3) })
	assert.Panics(t, func() { addition.Decode(tensor.New(2, 3)) })
}

func TestAccuracy(t *testing.T) {
	seq, char := addition.Accuracy([]string{"596 ", "12  ", "1000"}, []string{"596 ", "13  ", "1000"})
	assert.InDelta(t, 2.0/3, seq, 1e-12)
	assert.InDelta(t, 11.0/12, char, 1e-12)
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
