package optimizers

import "testing"

func TestAdagrad_Apply(t *testing.T) {
	tests := []struct {
		name          string
		lr, init, eps float32
	}{
		{"defaults", 0.001, 0.1, 1e-7},
		{"large rate", 0.5, 0.1, 1e-7},
		{"zero accumulator", 0.1, 0, 1e-7},
		{"large epsilon", 0.1, 0.3, 0.05},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := NewAdagrad()
			opt.LR, opt.InitialAccumulatorValue, opt.Epsilon = tt.lr, tt.init, tt.eps
			checkSteps(t, opt, refAdagrad(f64(tt.lr), f64(tt.init), f64(tt.eps)))
		})
	}
}
