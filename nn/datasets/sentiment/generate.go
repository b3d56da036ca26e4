package sentiment

import (
	"fmt"

	"gonn/nn/rng"
)

// Config says how many sentences to make and from which words.
type Config struct {
	Train, Test int // sentences in each set
	// SimpleFraction of each set is one-clause sentences, the rest are
	// contrasts in twins: contrasts = 2·⌊N·(1−SimpleFraction)/2⌋.
	SimpleFraction float64
	// HoldOut picks the test set's adjective pairs: positive adjective i
	// and negative adjective j (in the order of Adjectives) meet in the
	// test contrasts only, if (i+j) mod HoldOut = 0, and in the training
	// contrasts only otherwise. At least 2.
	HoldOut int
	// Adjectives are the rated words the clauses end in; nil means
	// DefaultAdjectives. Each must be rated by the lexicon with a valence
	// other than 0, and there must be at least two of each sign.
	Adjectives []string
}

// DefaultConfig is 4,000 training and 1,000 test sentences, a quarter of
// them one-clause, a fifth of the adjective pairs held out, the
// DefaultAdjectives.
func DefaultConfig() Config {
	return Config{Train: 4000, Test: 1000, SimpleFraction: 0.25, HoldOut: 5}
}

// Generate makes a training set and a test set from lex with r. The same
// lexicon, config and seed give the same sets everywhere. No sentence is in
// both sets; the test contrasts use only held-out adjective pairs (see
// Config.HoldOut), the test's one-clause sentences only texts that are not
// in the training set. Each set is shuffled with r; twins stay in the same
// set.
func Generate(lex *Lexicon, cfg Config, r *rng.Rand) (train, test *Set, err error) {
	g, err := newGenerator(lex, cfg, r)
	if err != nil {
		return nil, nil, err
	}
	if train, err = g.set("training", cfg.Train, false); err != nil {
		return nil, nil, err
	}
	if test, err = g.set("test", cfg.Test, true); err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// generator draws sentences; seen holds every text drawn so far, so that
// no text is drawn twice (a lookup: it is never iterated).
type generator struct {
	cfg                      Config
	r                        *rng.Rand
	positive, negative       []string
	trainPairs, heldOutPairs [][2]int // (positive index, negative index)
	seen                     map[string]bool
}

func newGenerator(lex *Lexicon, cfg Config, r *rng.Rand) (*generator, error) {
	switch {
	case cfg.Train < 0 || cfg.Test < 0:
		return nil, fmt.Errorf("sentiment: set sizes must be >= 0, got train %d, test %d", cfg.Train, cfg.Test)
	case !(cfg.SimpleFraction >= 0 && cfg.SimpleFraction <= 1):
		return nil, fmt.Errorf("sentiment: SimpleFraction must be in [0, 1], got %v", cfg.SimpleFraction)
	case cfg.HoldOut < 2:
		return nil, fmt.Errorf("sentiment: HoldOut must be >= 2, got %d", cfg.HoldOut)
	}
	g := &generator{cfg: cfg, r: r, seen: map[string]bool{}}
	adjectives := cfg.Adjectives
	if adjectives == nil {
		adjectives = DefaultAdjectives
	}
	listed := map[string]bool{}
	for _, a := range adjectives {
		v, ok := lex.Valence(a)
		switch {
		case !ok:
			return nil, fmt.Errorf("sentiment: adjective %q is not in the lexicon", a)
		case v == 0:
			return nil, fmt.Errorf("sentiment: adjective %q has valence 0 in the lexicon", a)
		case listed[a]:
			return nil, fmt.Errorf("sentiment: adjective %q is listed twice", a)
		case v > 0:
			g.positive = append(g.positive, a)
		default:
			g.negative = append(g.negative, a)
		}
		listed[a] = true
	}
	if len(g.positive) < 2 || len(g.negative) < 2 {
		return nil, fmt.Errorf("sentiment: need at least 2 positive and 2 negative adjectives, got %d and %d", len(g.positive), len(g.negative))
	}
	for i := range g.positive {
		for j := range g.negative {
			if (i+j)%cfg.HoldOut == 0 {
				g.heldOutPairs = append(g.heldOutPairs, [2]int{i, j})
			} else {
				g.trainPairs = append(g.trainPairs, [2]int{i, j})
			}
		}
	}
	return g, nil
}

// set draws n sentences: the contrasts in twins from the training or the
// held-out adjective pairs, then the one-clause sentences; then shuffles.
func (g *generator) set(name string, n int, heldOut bool) (*Set, error) {
	pairs := g.trainPairs
	if heldOut {
		pairs = g.heldOutPairs
	}
	twins := int(float64(n)*(1-g.cfg.SimpleFraction)) / 2
	s := &Set{}
	if err := g.draw(name, twins, func() bool { return g.addTwins(s, pairs) }); err != nil {
		return nil, err
	}
	if err := g.draw(name, n-2*twins, func() bool { return g.addSimple(s) }); err != nil {
		return nil, err
	}
	s.shuffle(g.r)
	return s, nil
}

// draw calls add until it has succeeded n times; add fails when it drew a
// text already drawn. Too many failures mean there are not n new texts.
func (g *generator) draw(name string, n int, add func() bool) error {
	for done, tries := 0, 0; done < n; tries++ {
		if tries > 20*n+1000 {
			return fmt.Errorf("sentiment: cannot draw %d distinct sentences for the %s set: too few words for its size", n, name)
		}
		if add() {
			done++
		}
	}
	return nil
}

// addTwins draws a frame, an adjective pair (p, n) and two negator and
// intensifier choices m1, m2, and adds "frame m1 p but m2 n" and its twin
// "frame m1 n but m2 p": the same words, opposite labels (the second
// clause's adjective changes sign, its negator stays).
func (g *generator) addTwins(s *Set, pairs [][2]int) bool {
	frame := Frames[g.r.Intn(len(Frames))]
	pair := pairs[g.r.Intn(len(pairs))]
	p, n := g.positive[pair[0]], g.negative[pair[1]]
	c1, c2 := g.clause(p), g.clause(n)
	a := frame + " " + c1.String() + " " + But + " " + c2.String()
	c1.Adjective, c2.Adjective = n, p
	b := frame + " " + c1.String() + " " + But + " " + c2.String()
	if g.seen[a] || g.seen[b] {
		return false
	}
	g.seen[a], g.seen[b] = true, true
	i := len(s.Texts)
	s.add(a, label(c2.positive(false)), Contrast, i+1) // c2 of a ends in n
	s.add(b, label(c2.positive(true)), Contrast, i)
	return true
}

// addSimple adds "frame clause" with any adjective.
func (g *generator) addSimple(s *Set) bool {
	frame := Frames[g.r.Intn(len(Frames))]
	isPositive := g.r.Intn(2) == 0
	words := g.negative
	if isPositive {
		words = g.positive
	}
	c := g.clause(words[g.r.Intn(len(words))])
	t := frame + " " + c.String()
	if g.seen[t] {
		return false
	}
	g.seen[t] = true
	s.add(t, label(c.positive(isPositive)), Simple, -1)
	return true
}

// clause draws a negator (none with probability 1/2, else each of
// Negators alike) and an intensifier (likewise) for adjective.
func (g *generator) clause(adjective string) Clause {
	c := Clause{Adjective: adjective}
	if k := g.r.Intn(2 * len(Negators)); k < len(Negators) {
		c.Negator = Negators[k]
	}
	if k := g.r.Intn(2 * len(Intensifiers)); k < len(Intensifiers) {
		c.Intensifier = Intensifiers[k]
	}
	return c
}

func label(positive bool) int {
	if positive {
		return 1
	}
	return 0
}
