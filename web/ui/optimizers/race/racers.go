package race

// Param is a Keras hyper-parameter of an optimiser that the page lets the
// user change, besides the learning rate. Each is a decay or a friction,
// at least 0 and below 1.
type Param struct {
	Key     string  // the Keras config key: "momentum", "rho", "beta_1", …
	Label   string  // as the page writes it
	Default float32 // the page's starting value (Keras' default, but for momentum)
}

// Kind is one optimiser of the race.
type Kind struct {
	Key   string // the page's key, also in element ids
	Label string
	Class string // the Keras class name, for optimizers.FromConfig
	Color string // of its path; at least 3:1 on the map's lightest colour
	// Fixed are config entries the user does not change (SGD's momentum 0).
	Fixed  map[string]float32
	Params []Param
}

// Kinds are the racers, in the page's order: the lecture's "popular
// optimizers (e.g. RMSprop, ADAM, AdaGrad, AdaDelta) are variants of
// gradient descent", and gradient descent with and without momentum.
var Kinds = []Kind{
	{Key: "sgd", Label: "SGD", Class: "SGD", Color: "#b54708", Fixed: map[string]float32{"momentum": 0}},
	{Key: "momentum", Label: "SGD + momentum", Class: "SGD", Color: "#9e165f",
		Params: []Param{{Key: "momentum", Label: "momentum", Default: 0.9}}},
	{Key: "rmsprop", Label: "RMSprop", Class: "RMSprop", Color: "#067647",
		Params: []Param{{Key: "rho", Label: "rho", Default: 0.9}}},
	{Key: "adam", Label: "Adam", Class: "Adam", Color: "#1d4ed8",
		Params: []Param{{Key: "beta_1", Label: "beta_1", Default: 0.9}, {Key: "beta_2", Label: "beta_2", Default: 0.999}}},
	{Key: "adagrad", Label: "Adagrad", Class: "Adagrad", Color: "#6941c6"},
	{Key: "adadelta", Label: "Adadelta", Class: "Adadelta", Color: "#101828",
		Params: []Param{{Key: "rho", Label: "rho", Default: 0.95}}},
}

// KindOf returns the kind with key, or false.
func KindOf(key string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Key == key {
			return k, true
		}
	}
	return Kind{}, false
}
