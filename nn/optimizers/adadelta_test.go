package optimizers

import "testing"

func TestAdadelta_Apply(t *testing.T) {
	tests := []struct {
		name         string
		lr, rho, eps float32
	}{
		{"defaults", 0.001, 0.95, 1e-7},
		{"paper rate", 1, 0.95, 1e-6},
		{"other rho", 0.5, 0.8, 1e-6},
		{"large epsilon", 1, 0.9, 0.01},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := NewAdadelta()
			opt.LR, opt.Rho, opt.Epsilon = tt.lr, tt.rho, tt.eps
			checkSteps(t, opt, refAdadelta(f64(tt.lr), f64(tt.rho), f64(tt.eps)))
		})
	}
}
