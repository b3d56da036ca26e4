package optimizers

import (
	"fmt"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

func TestSGD_Apply(t *testing.T) {
	tests := []struct {
		name     string
		lr, mom  float32
		nesterov bool
	}{
		{"defaults", 0.01, 0, false},
		{"plain", 0.1, 0, false},
		{"momentum", 0.1, 0.9, false},
		{"nesterov", 0.1, 0.9, true},
		{"nesterov without momentum is plain", 0.1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := NewSGD()
			opt.LR, opt.Momentum, opt.Nesterov = tt.lr, tt.mom, tt.nesterov
			checkSteps(t, opt, refSGD(f64(tt.lr), f64(tt.mom), tt.nesterov))
		})
	}
}

// TestSGD_ByHand checks the first weight of the fixture (0.5, gradients 0.1,
// 0.4, -0.25) against values worked out by hand with lr=0.1.
func TestSGD_ByHand(t *testing.T) {
	tests := []struct {
		name     string
		mom      float32
		nesterov bool
		want     []float64 // after steps 1, 2, 3
	}{
		// w -= 0.1*g: 0.5-0.01 = 0.49; 0.49-0.04 = 0.45; 0.45+0.025 = 0.475.
		{"plain", 0, false, []float64{0.49, 0.45, 0.475}},
		// v = 0.9v - 0.1g; w += v:
		// v=-0.01, w=0.49; v=-0.009-0.04=-0.049, w=0.441;
		// v=-0.0441+0.025=-0.0191, w=0.4219.
		{"momentum", 0.9, false, []float64{0.49, 0.441, 0.4219}},
		// w += 0.9v - 0.1g with the new v:
		// 0.5-0.009-0.01 = 0.481; 0.481-0.0441-0.04 = 0.3969;
		// 0.3969-0.01719+0.025 = 0.40471.
		{"nesterov", 0.9, true, []float64{0.481, 0.3969, 0.40471}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := NewSGD()
			opt.LR, opt.Momentum, opt.Nesterov = 0.1, tt.mom, tt.nesterov
			p := param("w", []float64{0.5})
			for step, g := range []float32{0.1, 0.4, -0.25} {
				p.Grad = tensor.From([]float32{g}, 1)
				opt.Apply([]*ag.Var{p})
				assertClose(t, tt.want[step:step+1], []float64{0.5}, p.Value.Data, fmt.Sprintf("step %d", step+1))
			}
		})
	}
}
