package optimizers

import "testing"

func TestRMSprop_Apply(t *testing.T) {
	tests := []struct {
		name              string
		lr, rho, mom, eps float32
		centered          bool
	}{
		{"defaults", 0.001, 0.9, 0, 1e-7, false},
		{"plain", 0.01, 0.8, 0, 1e-7, false},
		{"centered", 0.01, 0.8, 0, 1e-7, true},
		{"momentum", 0.01, 0.8, 0.5, 1e-7, false},
		{"centered momentum", 0.01, 0.9, 0.5, 1e-7, true},
		{"large epsilon", 0.01, 0.9, 0, 0.1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := NewRMSprop()
			opt.LR, opt.Rho, opt.Momentum, opt.Epsilon, opt.Centered = tt.lr, tt.rho, tt.mom, tt.eps, tt.centered
			checkSteps(t, opt, refRMSprop(f64(tt.lr), f64(tt.rho), f64(tt.mom), f64(tt.eps), tt.centered))
		})
	}
}
