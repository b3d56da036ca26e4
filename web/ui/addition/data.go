package main

import (
	"gonn/nn/datasets/addition"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// data is one run's questions, made as the recipe makes them: generated
// from the seed, then shuffled and split from seed+1, a tenth held out.
type data struct {
	cfg   addition.Config
	train *addition.Set // trained on
	val   *addition.Set // held out: measured after each epoch, and shown
}

// makeData generates the questions of s.
func makeData(s settings) (*data, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	cfg := s.config()
	set, err := addition.Generate(cfg, rng.New(uint64(s.Seed)))
	if err != nil {
		return nil, err
	}
	train, val := set.Split(rng.New(uint64(s.Seed)+1), heldOut)
	return &data{cfg: cfg, train: train, val: val}, nil
}

// answers reads n answers out of a model's outputs, (n, AnswerLen,
// len(Chars)) probabilities, taking the likeliest character of each step.
func answers(out []float32, n int, cfg addition.Config) []string {
	return addition.Decode(tensor.From(out, n, cfg.AnswerLen(), len(addition.Chars)))
}
