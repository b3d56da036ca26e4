package optimizers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// FromConfig makes an optimiser from a Keras optimizer config: the class name
// ("Adam", "SGD", "RMSprop", "Adagrad", "Adadelta", any case) and the JSON
// object Keras's get_config wrote beside it (tf.keras 2.x or Keras 3). Keys
// that are missing or null keep Keras's defaults. The legacy key "lr" is read
// when "learning_rate" is absent.
//
// Options gonn does not implement are accepted only at their neutral value
// (decay 0; weight_decay, loss_scale_factor and gradient_accumulation_steps
// null; use_ema false), and an unknown key is an error, as in Keras 3. So are
// more than one clip option, and values Keras rejects (SGD momentum outside
// [0, 1]; RMSprop rho or momentum outside [0, 1], or epsilon <= 0).
func FromConfig(className string, cfg json.RawMessage) (Optimizer, error) {
	opt, err := Get(className)
	if err != nil {
		return nil, err
	}
	r, err := newConfigReader(cfg)
	if err == nil {
		opt.(configurable).readConfig(r)
		err = r.finish()
	}
	if err == nil {
		err = opt.(configurable).validate()
	}
	if err != nil {
		return nil, fmt.Errorf("optimizers: %s config: %w", opt.ClassName(), err)
	}
	return opt, nil
}

// configurable is implemented by every optimiser of this package.
type configurable interface {
	readConfig(r *configReader)
	validate() error
}

// ignoredKeys appear in Keras configs but change nothing gonn does.
var ignoredKeys = []string{"name", "jit_compile", "is_legacy_optimizer", "ema_momentum", "ema_overwrite_frequency"}

func (b *Base) readConfig(r *configReader) {
	if r.has("learning_rate") {
		r.float("learning_rate", &b.LR)
		r.seen["lr"] = true // learning_rate wins
	} else {
		r.float("lr", &b.LR)
	}
	r.float("clipnorm", &b.ClipNorm)
	r.float("global_clipnorm", &b.GlobalClipNorm)
	r.float("clipvalue", &b.ClipValue)
	r.neutral("decay", "0", "a learning-rate callback or schedule replaces legacy decay")
	r.neutral("weight_decay", "0", "weight decay is not implemented")
	r.neutral("use_ema", "false", "EMA of weights is not implemented")
	r.neutral("loss_scale_factor", "1", "loss scaling is not implemented")
	r.neutral("gradient_accumulation_steps", "1", "gradient accumulation is not implemented")
	for _, k := range ignoredKeys {
		r.seen[k] = true
	}
}

func (b *Base) validate() error {
	set := 0
	for _, c := range []struct {
		key string
		v   float32
	}{{"clipnorm", b.ClipNorm}, {"global_clipnorm", b.GlobalClipNorm}, {"clipvalue", b.ClipValue}} {
		if c.v < 0 {
			return fmt.Errorf("%s = %v, want > 0 or null", c.key, c.v)
		}
		if c.v > 0 {
			set++
		}
	}
	if set > 1 {
		return fmt.Errorf("only one of clipnorm, global_clipnorm and clipvalue can be set")
	}
	return nil
}

func (o *SGD) readConfig(r *configReader) {
	o.Base.readConfig(r)
	r.float("momentum", &o.Momentum)
	r.boolean("nesterov", &o.Nesterov)
}

func (o *SGD) validate() error {
	if err := inUnit("momentum", o.Momentum); err != nil {
		return err
	}
	return o.Base.validate()
}

func (o *RMSprop) readConfig(r *configReader) {
	o.Base.readConfig(r)
	r.float("rho", &o.Rho)
	r.float("momentum", &o.Momentum)
	r.float("epsilon", &o.Epsilon)
	r.boolean("centered", &o.Centered)
}

func (o *RMSprop) validate() error {
	if err := inUnit("rho", o.Rho); err != nil {
		return err
	}
	if err := inUnit("momentum", o.Momentum); err != nil {
		return err
	}
	if !(o.Epsilon > 0) {
		return fmt.Errorf("epsilon = %v, must be positive", o.Epsilon)
	}
	return o.Base.validate()
}

func (o *Adam) readConfig(r *configReader) {
	o.Base.readConfig(r)
	r.float("beta_1", &o.Beta1)
	r.float("beta_2", &o.Beta2)
	r.float("epsilon", &o.Epsilon)
	r.boolean("amsgrad", &o.AMSGrad)
}

func (o *Adagrad) readConfig(r *configReader) {
	o.Base.readConfig(r)
	r.float("initial_accumulator_value", &o.InitialAccumulatorValue)
	r.float("epsilon", &o.Epsilon)
}

func (o *Adadelta) readConfig(r *configReader) {
	o.Base.readConfig(r)
	r.float("rho", &o.Rho)
	r.float("epsilon", &o.Epsilon)
}

func inUnit(key string, v float32) error {
	if v < 0 || v > 1 {
		return fmt.Errorf("%s = %v, must be in [0, 1]", key, v)
	}
	return nil
}

// configReader reads the keys of a Keras config object, remembering the
// first error and which keys were read.
type configReader struct {
	raw  map[string]json.RawMessage
	seen map[string]bool
	err  error
}

func newConfigReader(cfg json.RawMessage) (*configReader, error) {
	r := &configReader{seen: map[string]bool{}}
	if len(bytes.TrimSpace(cfg)) == 0 {
		return r, nil
	}
	if err := json.Unmarshal(cfg, &r.raw); err != nil {
		return nil, err
	}
	return r, nil
}

// has reports whether key is present (even as null).
func (r *configReader) has(key string) bool {
	_, ok := r.raw[key]
	return ok
}

// value decodes key into dst unless it is absent or null, and reports
// whether it did. what names dst's type in errors.
func (r *configReader) value(key string, dst any, what string) bool {
	r.seen[key] = true
	raw, ok := r.raw[key]
	if !ok || r.err != nil || string(bytes.TrimSpace(raw)) == "null" {
		return false
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		r.err = fmt.Errorf("%s = %s, want %s", key, raw, what)
		if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
			r.err = fmt.Errorf("%w (schedules and other Keras objects are not supported)", r.err)
		}
		return false
	}
	return true
}

// float reads a number key into dst.
func (r *configReader) float(key string, dst *float32) {
	var v float64
	if !r.value(key, &v, "a number") {
		return
	}
	if math.Abs(v) > math.MaxFloat32 {
		r.err = fmt.Errorf("%s = %v does not fit a float32", key, v)
		return
	}
	*dst = float32(v)
}

// boolean reads a boolean key into dst.
func (r *configReader) boolean(key string, dst *bool) {
	r.value(key, dst, "true or false")
}

// neutral accepts key when it is absent, null or (as JSON) equal to want,
// the value at which the option does nothing; otherwise why explains.
func (r *configReader) neutral(key, want, why string) {
	var v any
	if !r.value(key, &v, "a JSON value") {
		return
	}
	got, _ := json.Marshal(v)
	if n, ok := v.(float64); ok {
		got = []byte(strconv.FormatFloat(n, 'g', -1, 64))
	}
	if string(got) != want {
		r.err = fmt.Errorf("%s = %s is not supported (%s)", key, got, why)
	}
}

// finish returns the first error, or names the keys nothing read.
func (r *configReader) finish() error {
	if r.err != nil {
		return r.err
	}
	var unknown []string
	for k := range r.raw {
		if !r.seen[k] {
			unknown = append(unknown, strconv.Quote(k))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return fmt.Errorf("unknown keys %s", strings.Join(unknown, ", "))
	}
	return nil
}

// num returns x as the float64 with x's shortest decimal form (0.001 rather
// than 0.0010000000474974513), the number a Keras config holds.
func num(x float32) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(float64(x), 'g', -1, 32), 64)
	return f
}

// optional is num(x) for an option that is on when x > 0, and nil (Keras's
// None) when it is off.
func optional(x float32) any {
	if x > 0 {
		return num(x)
	}
	return nil
}
