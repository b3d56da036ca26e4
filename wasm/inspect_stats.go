package main

import (
	"gonn/nn/inspect"
)

// tensorStats is one entry of gonn_weight_stats' and gonn_gradient_stats'
// results.
type tensorStats struct {
	Name      string    `json:"name"`
	Shape     []int     `json:"shape"`
	Trainable bool      `json:"trainable"`
	Mean      jsonFloat `json:"mean"`
	Std       jsonFloat `json:"std"`
	Min       jsonFloat `json:"min"`
	Max       jsonFloat `json:"max"`
	Norm      jsonFloat `json:"norm"`
	Zeros     jsonFloat `json:"zeros"`
}

func statsJSON(ss []inspect.Stats) []tensorStats {
	out := make([]tensorStats, len(ss))
	for i, s := range ss {
		out[i] = tensorStats{s.Name, s.Shape, s.Trainable, jsonFloat(s.Mean), jsonFloat(s.Std),
			jsonFloat(s.Min), jsonFloat(s.Max), jsonFloat(s.Norm), jsonFloat(s.Zeros)}
	}
	return out
}

// WeightStats puts the statistics of every weight, in Keras order, in the
// result.
func (e *Engine) WeightStats(h int32) int32 {
	return e.guard("gonn_weight_stats", false, func() error {
		m, err := e.builtModel("gonn_weight_stats", h)
		if err != nil {
			return err
		}
		ss, err := inspect.WeightStats(m.seq)
		if err != nil {
			return err
		}
		return e.setJSON(statsJSON(ss))
	})
}

// GradientStats puts the statistics of the gradient of the compiled loss on
// (x, y) with respect to every trainable weight in the result, computed as
// in training (dropout on); like inspect.GradientStats, it changes nothing.
func (e *Engine) GradientStats(h, x, y int32) int32 {
	return e.guard("gonn_gradient_stats", false, func() error {
		const op = "gonn_gradient_stats"
		m, xt, yt, err := e.batchArgs(op, h, x, y)
		if err != nil {
			return err
		}
		if err := m.notFitting(op); err != nil {
			return err
		}
		if err := checkData(op, "", m.seq, xt, yt, false); err != nil {
			return err
		}
		if err := checkTargets(op, m.seq, xt, yt); err != nil {
			return err
		}
		ss, err := inspect.GradientStats(m.seq, m.seq.Loss(), xt, yt)
		if err != nil {
			return err
		}
		return e.setJSON(statsJSON(ss))
	})
}
