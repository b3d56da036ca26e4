package race

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRacer_SGDStep(t *testing.T) {
	// One SGD step on the bowl: w − lr·(x, 4y), Keras' rule.
	s := SurfaceOf("bowl")
	r, err := NewRacer(s, s.Start, Entry{Kind: "sgd", LR: 0.1})
	require.NoError(t, err)
	r.Step()
	x, y := s.Start[0], s.Start[1]
	assert.Equal(t, Point{x - float32(x*0.1), y - float32(4*y*0.1)}, r.At())
	require.Len(t, r.Path, 2)
	require.Len(t, r.Losses, 2)
	want, _ := s.LossGrad(r.At())
	assert.Equal(t, want, r.Losses[1])
}

func TestNewRacer_Errors(t *testing.T) {
	s := SurfaceOf("bowl")
	tests := []struct {
		name string
		e    Entry
		want string
	}{
		{"unknown", Entry{Kind: "lion", LR: 0.1}, "there is no optimiser lion"},
		{"no learning rate", Entry{Kind: "adam", LR: 0}, "Adam: the learning rate must be more than 0"},
		{"beta_1 above 1", Entry{Kind: "adam", LR: 0.1, Params: map[string]float32{"beta_1": 1.5}}, "Adam: beta_1 must be at least 0 and below 1, not 1.5"},
		{"beta_2 of 1", Entry{Kind: "adam", LR: 0.1, Params: map[string]float32{"beta_2": 1}}, "Adam: beta_2 must be at least 0 and below 1, not 1"},
		{"momentum above 1", Entry{Kind: "momentum", LR: 0.1, Params: map[string]float32{"momentum": 2}}, "SGD + momentum: momentum must be at least 0 and below 1, not 2"},
		{"rho below 0", Entry{Kind: "rmsprop", LR: 0.1, Params: map[string]float32{"rho": -0.5}}, "RMSprop: rho must be at least 0 and below 1, not -0.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewRacer(s, s.Start, tt.e)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	_, err := New(nil, Point{}, nil)
	assert.EqualError(t, err, "there is no such surface")
	_, err = New(s, Point{3, 0}, Defaults(s))
	assert.EqualError(t, err, "the start must be inside the map")
}

func TestRacer_FliesOff(t *testing.T) {
	r, err := NewRacer(SurfaceOf("valley"), SurfaceOf("valley").Start, Entry{Kind: "sgd", LR: 0.05})
	require.NoError(t, err)
	for range 50 {
		r.Step()
	}
	assert.True(t, r.Off)
	assert.Equal(t, "off", r.Where())
	n := len(r.Path)
	r.Step()
	assert.Len(t, r.Path, n, "a racer that flew off stays")
	for _, p := range r.Path {
		assert.False(t, r.farOut(p), "the path keeps only the points before it flew off")
	}
}

// TestRace_Skier is the lecture's skier with the page's first settings:
// gradient descent stops in the dip before the hill; with momentum it
// carries over the hill to the better minimum beyond.
func TestRace_Skier(t *testing.T) {
	s := SurfaceOf("skier")
	r, err := New(s, s.Start, Defaults(s))
	require.NoError(t, err)
	for range s.Steps {
		r.Step()
	}
	where := map[string]string{}
	for _, racer := range r.Racers {
		where[racer.Kind.Key] = racer.Where()
	}
	assert.Equal(t, "local", where["sgd"], "SGD stops in the dip")
	assert.Equal(t, "global", where["momentum"], "momentum carries over the hill")
	assert.Equal(t, s.Steps, r.Steps)
}

func TestRace_Deterministic(t *testing.T) {
	run := func() [][]Point {
		s := SurfaceOf("valley")
		r, err := New(s, s.Start, Defaults(s))
		require.NoError(t, err)
		for range 200 {
			r.Step()
		}
		var paths [][]Point
		for _, racer := range r.Racers {
			paths = append(paths, racer.Path)
		}
		return paths
	}
	assert.Equal(t, run(), run())
}

func TestDefaults(t *testing.T) {
	s := SurfaceOf("skier")
	d := Defaults(s)
	require.Len(t, d, len(Kinds))
	for i, k := range Kinds {
		assert.Equal(t, k.Key, d[i].Kind)
		assert.Equal(t, s.Rates[k.Key], d[i].LR)
		for _, p := range k.Params {
			assert.Equal(t, p.Default, d[i].Params[p.Key])
		}
	}
	r, err := New(s, s.Start, d)
	require.NoError(t, err)
	assert.Len(t, r.Racers, len(Kinds), "the defaults are valid")
}

// TestRace_Start: started past the hill, plain gradient descent reaches
// the skier's global minimum too.
func TestRace_Start(t *testing.T) {
	s := SurfaceOf("skier")
	start := Point{0.5, 0.5}
	r, err := New(s, start, []Entry{{Kind: "sgd", LR: 0.05}})
	require.NoError(t, err)
	assert.Equal(t, start, r.Racers[0].Path[0])
	for range s.Steps {
		r.Step()
	}
	assert.Equal(t, "global", r.Racers[0].Where())
}
