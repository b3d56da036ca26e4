package optimizers

import "testing"

func TestAdam_Apply(t *testing.T) {
	tests := []struct {
		name            string
		lr, b1, b2, eps float32
		amsgrad         bool
	}{
		{"defaults", 0.001, 0.9, 0.999, 1e-7, false},
		{"other betas", 0.01, 0.5, 0.7, 1e-7, false},
		{"large epsilon", 0.01, 0.9, 0.999, 0.1, false},
		{"amsgrad", 0.01, 0.5, 0.7, 1e-7, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := NewAdam()
			opt.LR, opt.Beta1, opt.Beta2, opt.Epsilon, opt.AMSGrad = tt.lr, tt.b1, tt.b2, tt.eps, tt.amsgrad
			checkSteps(t, opt, refAdam(f64(tt.lr), f64(tt.b1), f64(tt.b2), f64(tt.eps), tt.amsgrad))
		})
	}
}
