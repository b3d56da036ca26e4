package optimizers

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromConfig(t *testing.T) {
	tests := []struct {
		name, class, cfg string
		want             Optimizer
	}{
		{
			name:  "Keras 3 Adam",
			class: "Adam",
			cfg: `{"name": "adam", "learning_rate": 0.0005, "weight_decay": null,
				"clipnorm": null, "global_clipnorm": 1.5, "clipvalue": null,
				"use_ema": false, "ema_momentum": 0.99, "ema_overwrite_frequency": null,
				"loss_scale_factor": null, "gradient_accumulation_steps": null,
				"beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-08, "amsgrad": true}`,
			want: &Adam{Base: Base{LR: 0.0005, GlobalClipNorm: 1.5}, Beta1: 0.8, Beta2: 0.99, Epsilon: 1e-8, AMSGrad: true},
		},
		{
			name:  "tf.keras 2.11 RMSprop",
			class: "RMSprop",
			cfg: `{"name": "RMSprop", "weight_decay": null, "clipnorm": 2.0,
				"global_clipnorm": null, "clipvalue": null, "use_ema": false,
				"ema_momentum": 0.99, "ema_overwrite_frequency": 100, "jit_compile": true,
				"is_legacy_optimizer": false, "learning_rate": 0.0010000000474974513,
				"rho": 0.9, "momentum": 0.5, "epsilon": 1e-07, "centered": true}`,
			want: &RMSprop{Base: Base{LR: 0.001, ClipNorm: 2}, Rho: 0.9, Momentum: 0.5, Epsilon: 1e-7, Centered: true},
		},
		{
			name:  "tf.keras 2.x legacy SGD with lr and decay",
			class: "SGD",
			cfg:   `{"name": "SGD", "lr": 0.05, "decay": 0.0, "momentum": 0.9, "nesterov": true, "clipvalue": 0.5}`,
			want:  &SGD{Base: Base{LR: 0.05, ClipValue: 0.5}, Momentum: 0.9, Nesterov: true},
		},
		{
			name:  "learning_rate wins over lr",
			class: "sgd",
			cfg:   `{"lr": 0.05, "learning_rate": 0.2}`,
			want:  &SGD{Base: Base{LR: 0.2}},
		},
		{
			name:  "Adagrad",
			class: "Adagrad",
			cfg:   `{"name": "Adagrad", "learning_rate": 0.01, "initial_accumulator_value": 0.0, "epsilon": 1e-07}`,
			want:  &Adagrad{Base: Base{LR: 0.01}, Epsilon: 1e-7},
		},
		{
			name:  "Adadelta with the paper's rate",
			class: "Adadelta",
			cfg:   `{"learning_rate": 1.0, "rho": 0.95, "epsilon": 1e-06}`,
			want:  &Adadelta{Base: Base{LR: 1}, Rho: 0.95, Epsilon: 1e-6},
		},
		{"empty config keeps defaults", "adam", `{}`, NewAdam()},
		{"no config keeps defaults", "rmsprop", ``, NewRMSprop()},
		{"null config keeps defaults", "adadelta", `null`, NewAdadelta()},
		{"null values keep defaults", "Adam", `{"beta_1": null, "amsgrad": null}`, NewAdam()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromConfig(tt.class, json.RawMessage(tt.cfg))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestFromConfig_Errors(t *testing.T) {
	tests := []struct {
		name, class, cfg, want string
	}{
		{"unknown class", "AdamW", `{}`, `unknown optimizer "AdamW"`},
		{"not JSON", "Adam", `{"beta_1": }`, "invalid character"},
		{"not an object", "Adam", `[0.1]`, "cannot unmarshal array"},
		{"unknown keys", "Adam", `{"beta1": 0.9, "momentum": 0.5}`, `unknown keys "beta1", "momentum"`},
		{"string number", "SGD", `{"learning_rate": "0.1"}`, `learning_rate = "0.1", want a number`},
		{"string bool", "SGD", `{"nesterov": "yes"}`, `nesterov = "yes", want true or false`},
		{"schedule", "Adam", `{"learning_rate": {"class_name": "ExponentialDecay", "config": {}}}`, "schedules and other Keras objects are not supported"},
		{"float32 overflow", "Adam", `{"epsilon": 1e39}`, "does not fit a float32"},
		{"two clips", "SGD", `{"clipnorm": 1.0, "clipvalue": 0.5}`, "only one of clipnorm, global_clipnorm and clipvalue"},
		{"negative clip", "SGD", `{"clipnorm": -1.0}`, "clipnorm = -1, want > 0 or null"},
		{"legacy decay", "SGD", `{"lr": 0.01, "decay": 1e-06}`, "decay = 1e-06 is not supported"},
		{"weight decay", "Adam", `{"weight_decay": 0.004}`, "weight_decay = 0.004 is not supported"},
		{"ema", "Adam", `{"use_ema": true}`, "use_ema = true is not supported"},
		{"gradient accumulation", "Adam", `{"gradient_accumulation_steps": 4}`, "gradient_accumulation_steps = 4 is not supported"},
		{"SGD momentum", "SGD", `{"momentum": 1.5}`, "momentum = 1.5, must be in [0, 1]"},
		{"RMSprop rho", "RMSprop", `{"rho": -0.1}`, "rho = -0.1, must be in [0, 1]"},
		{"RMSprop epsilon", "RMSprop", `{"epsilon": 0}`, "epsilon = 0, must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromConfig(tt.class, json.RawMessage(tt.cfg))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestFromConfig_RoundTrip writes each optimiser's Config as JSON, as a saved
// model would, and reads it back.
func TestFromConfig_RoundTrip(t *testing.T) {
	sgd := NewSGD()
	sgd.LR, sgd.Momentum, sgd.Nesterov, sgd.ClipNorm = 0.1, 0.9, true, 1
	rms := NewRMSprop()
	rms.Rho, rms.Momentum, rms.Centered, rms.GlobalClipNorm = 0.8, 0.3, true, 5
	adam := NewAdam()
	adam.Beta1, adam.Beta2, adam.Epsilon, adam.AMSGrad, adam.ClipValue = 0.5, 0.67, 1e-5, true, 0.1
	adagrad := NewAdagrad()
	adagrad.LR, adagrad.InitialAccumulatorValue, adagrad.Epsilon = 0.5, 0.2, 1e-5
	adadelta := NewAdadelta()
	adadelta.LR, adadelta.Rho, adadelta.Epsilon = 0.5, 0.9, 1e-5
	for _, opt := range []Optimizer{sgd, rms, adam, adagrad, adadelta, NewSGD(), NewAdam()} {
		t.Run(opt.ClassName(), func(t *testing.T) {
			cfg, err := json.Marshal(opt.Config())
			require.NoError(t, err)
			got, err := FromConfig(opt.ClassName(), cfg)
			require.NoError(t, err, "%s", cfg)
			assert.Equal(t, opt, got)
			assert.Equal(t, opt.Config(), got.Config())
		})
	}
}
