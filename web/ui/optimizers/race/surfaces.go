package race

import "gonn/nn/ag"

// bowl is L = x²/2 + 2y²: one minimum, at (0, 0), slightly elongated.
var bowl = &Surface{
	Key: "bowl", Name: "A bowl",
	About:  "L = x²/2 + 2y²: one minimum, where every optimiser gets to; some take the straight way down, some do not.",
	Window: [2][2]float32{{-2, 2}, {-2, 2}},
	Steps:  150,
	Start:  Point{-1.8, 1.5},
	Min:    Point{0, 0},
	Rates:  map[string]float32{"sgd": 0.02, "momentum": 0.02, "rmsprop": 0.05, "adam": 0.1, "adagrad": 0.5, "adadelta": 10},
	loss: func(x, y *ag.Var) *ag.Var {
		return sum(scale(sq(x), 0.5), scale(sq(y), 2))
	},
}

// valley is Rosenbrock's: L = (1 − x)² + 100(y − x²)², a long curved
// valley with its minimum at (1, 1).
var valley = &Surface{
	Key: "valley", Name: "A long valley (Rosenbrock)",
	About:  "L = (1 − x)² + 100 (y − x²)²: steep walls and a long, flat, curved floor; the minimum is at (1, 1).",
	Window: [2][2]float32{{-2, 2}, {-1, 3}},
	Steps:  1000,
	Start:  Point{-1.5, 2.5},
	Min:    Point{1, 1},
	Rates:  map[string]float32{"sgd": 0.001, "momentum": 0.001, "rmsprop": 0.02, "adam": 0.1, "adagrad": 0.1, "adadelta": 20},
	loss: func(x, y *ag.Var) *ag.Var {
		return sum(sq(shift(ag.Neg(x), 1)), scale(sq(ag.Sub(y, sq(x))), 100))
	},
}

// saddle is L = x²/2 + y⁴/4 − y²/2: a saddle point at (0, 0) between two
// minima, (0, ±1). Started almost on the ridge y = 0, a racer first slides
// down to the saddle, where the gradient vanishes.
var saddle = &Surface{
	Key: "saddle", Name: "A saddle",
	About:  "L = x²/2 + y⁴/4 − y²/2: downhill towards (0, 0) along x, but (0, 0) is a saddle; the minima are at (0, 1) and (0, −1).",
	Window: [2][2]float32{{-2, 2}, {-2, 2}},
	Steps:  300,
	Start:  Point{-1.9, 0.001},
	Min:    Point{0, 1},
	Rates:  map[string]float32{"sgd": 0.02, "momentum": 0.01, "rmsprop": 0.01, "adam": 0.02, "adagrad": 0.1, "adadelta": 10},
	loss: func(x, y *ag.Var) *ag.Var {
		return sum(scale(sq(x), 0.5), scale(pow4(y), 0.25), scale(sq(y), -0.5))
	},
}

// skier is the lecture's: L = x⁴/4 − x³/10 − 0.65x² + y²/2 has a local
// minimum at (−1, 0) behind a hill at x = 0, and the global minimum beyond
// it, at (1.3, 0). Started up the slope at the left, a skier who only ever
// goes downhill stops in the first dip; one with momentum may carry over
// the hill.
var skier = &Surface{
	Key: "skier", Name: "The skier: a dip before the hill",
	About:  "L = x⁴/4 − x³/10 − 0.65x² + y²/2: a local minimum at (−1, 0), a hill, then the global minimum at (1.3, 0). We wouldn't know there's a better solution beyond the hill.",
	Window: [2][2]float32{{-2.2, 2.2}, {-2, 2}},
	Steps:  300,
	Start:  Point{-2, 1.5},
	Min:    Point{1.3, 0},
	Local:  Point{-1, 0},
	Traps:  true,
	Rates:  map[string]float32{"sgd": 0.05, "momentum": 0.05, "rmsprop": 0.05, "adam": 0.1, "adagrad": 0.5, "adadelta": 10},
	loss: func(x, y *ag.Var) *ag.Var {
		x2 := sq(x)
		return sum(scale(sq(x2), 0.25), scale(ag.Mul(x2, x), -0.1), scale(x2, -0.65), scale(sq(y), 0.5))
	},
}
