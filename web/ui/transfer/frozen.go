package main

// weightStat is what the page compares of one weight before and after
// phase 2 (model.weightStats()).
type weightStat struct {
	Name                      string
	Trainable                 bool
	Mean, Std, Min, Max, Norm float64
}

// weightCheck is the verdict on one weight.
type weightCheck struct {
	Before, After weightStat
	Moved         bool // any statistic differs
	OK            bool // frozen and unmoved, or trainable and moved
}

// checkWeights pairs the statistics by position (the same model, so the
// same weights in the same order) and says which moved: a frozen weight
// must keep every statistic bit for bit, a trainable one should change.
// Lists of different lengths pair as far as both go.
func checkWeights(before, after []weightStat) []weightCheck {
	out := make([]weightCheck, min(len(before), len(after)))
	for i := range out {
		b, a := before[i], after[i]
		moved := b.Mean != a.Mean || b.Std != a.Std || b.Min != a.Min || b.Max != a.Max || b.Norm != a.Norm
		out[i] = weightCheck{Before: b, After: a, Moved: moved, OK: moved == a.Trainable}
	}
	return out
}

// tally counts the frozen weights that kept still and the trainable ones
// that moved, of all the checks.
func tally(checks []weightCheck) (frozenKept, frozen, trainedMoved, trained int) {
	for _, c := range checks {
		if c.After.Trainable {
			trained++
			if c.Moved {
				trainedMoved++
			}
		} else {
			frozen++
			if !c.Moved {
				frozenKept++
			}
		}
	}
	return
}
