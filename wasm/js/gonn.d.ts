// Types of gonn's JavaScript API (gonn.js), an ES module that trains neural
// nets in the browser and in Node ≥ 20 with the engine engine.wasm.
//
//   import * as gonn from './gonn/gonn.js';
//   const model = await gonn.sequential([
//     gonn.layers.dense({units: 64, activation: 'relu', inputShape: [784]}),
//     gonn.layers.dropout({rate: 0.2}),
//     gonn.layers.dense({units: 10, activation: 'softmax'}),
//   ], {seed: 42});
//   await model.compile({optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy']});
//   const history = await model.fit(gonn.tensor(xs, [n, 784]), gonn.tensor(ys, [n, 10]), {
//     epochs: 5, batchSize: 32, validationSplit: 0.1,
//     onEpochEnd: (epoch, logs) => console.log(epoch, logs),
//   });
//   const y = await model.predict(gonn.tensor(x1, [1, 784]));   // y.data: Float32Array, y.shape: [1, 10]
//   model.dispose();
//
// Everything that talks to the engine returns a Promise; every failure (the
// engine's or the API's own checks) rejects with (or throws) a GonnError.
// In a browser's main thread the engine runs in a Web Worker, so training
// never blocks the page; inside a worker and in Node it runs in the calling
// thread (init({worker}) overrides). Options are camelCase; the snake_case
// spellings Keras users type (batch_size, validation_split, input_shape, …)
// are accepted too.

// ---------------------------------------------------------------- errors

/** The engine's error codes (docs/abi.md), plus the host's own (100 and up). */
export declare const ErrorCode: {
  readonly ok: 0;
  /** invalid JSON, an unknown key or name, a bad value */
  readonly bad_argument: 1;
  /** a disposed (or never made) model or tensor */
  readonly unknown_handle: 2;
  /** shapes do not fit: data vs shape, data vs the model, x vs y */
  readonly shape: 3;
  /** NaN or ±Inf in fit data, or the loss blew up during fit */
  readonly non_finite: 4;
  /** not compiled (fit, evaluate) or not built (summary, weights) */
  readonly not_ready: 5;
  /** a tensor or argument beyond the engine's limits */
  readonly too_large: 6;
  /** a fit is running on this model */
  readonly busy: 7;
  /** an engine bug (a recovered panic); please report it */
  readonly internal: 99;
  /** the engine could not be fetched, compiled or started, or its ABI version differs */
  readonly load_failed: 100;
  /** the engine instance died (a wasm trap, the worker crashed, or the engine was closed) */
  readonly engine_lost: 101;
};
export type ErrorCodeName = keyof typeof ErrorCode;

/** Every failure of the API. `code` and `codeName` come from ErrorCode. */
export declare class GonnError extends Error {
  constructor(code: number, message: string);
  readonly name: 'GonnError';
  readonly code: number;
  readonly codeName: ErrorCodeName | string;
  /** On a fit that failed midway (e.g. non_finite): the History up to the failure. */
  readonly history?: History;
}

// ---------------------------------------------------------------- tensors

/** Tensor data: a Float32Array is used as it is (no copy); other arrays are converted to float32. */
export type TensorData =
  | Float32Array
  | readonly number[]
  | Float64Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/** Dense float32 data with a shape, row-major. Host side: plain JS memory. */
export declare class Tensor {
  /** Checks that data.length equals the product of shape (GonnError `shape`; bad data or shape: `bad_argument`). */
  constructor(data: TensorData, shape: readonly number[]);
  readonly data: Float32Array;
  readonly shape: number[];
  /** The number of floats, the product of shape. */
  readonly size: number;
  /** The i-th example (along the first axis) as a view, shape shape.slice(1). */
  row(i: number): Tensor;
  /** Index of the largest value of each example: the predicted class. */
  argMax(): Int32Array;
}

/** A Tensor, or anything with data and shape. */
export type TensorLike =
  | Tensor
  | EngineTensor
  | {data: TensorData; shape: readonly number[]};

/** Makes a Tensor (no engine involved). */
export declare function tensor(data: TensorData, shape: readonly number[]): Tensor;

/**
 * A tensor stored inside an engine: upload big data (MNIST) once with
 * engine.upload(x) and fit on it many times without copying it again.
 */
export interface EngineTensor {
  readonly engine: Engine;
  readonly shape: number[];
  readonly size: number;
  readonly disposed: boolean;
  /** A copy of its data. */
  read(): Promise<Tensor>;
  /** Frees it in the engine now (a FinalizationRegistry frees forgotten ones eventually). */
  dispose(): void;
}

// ---------------------------------------------------------------- layers

/** A layer as Keras JSON: the class name and its config (snake_case keys, Keras defaults). */
export interface LayerSpec {
  className: string;
  config: Record<string, unknown>;
}

/** An initializer name ('glorot_uniform', 'he_normal', 'zeros', …) or a Keras {class_name, config}. */
export type Initializer = string | {className?: string; class_name?: string; config?: Record<string, unknown>};

export interface LayerOptions {
  name?: string;
  trainable?: boolean;
  /** The example shape (no batch axis), on the first layer. Alias input_shape. */
  inputShape?: readonly number[];
  input_shape?: readonly number[];
  /** As Keras: [null, ...inputShape]. */
  batchInputShape?: readonly (number | null)[];
  batch_input_shape?: readonly (number | null)[];
}

export interface DenseOptions extends LayerOptions {
  units: number;
  /** Keras name: 'relu', 'softmax', 'sigmoid', 'tanh', 'linear' (default), … */
  activation?: string;
  useBias?: boolean;
  use_bias?: boolean;
  kernelInitializer?: Initializer;
  kernel_initializer?: Initializer;
  biasInitializer?: Initializer;
  bias_initializer?: Initializer;
}

/** One size per spatial axis, or one number for all of them (Keras: 3 means (3, 3) in 2-D). */
export type Size<N extends number> = number | (N extends 1 ? readonly [number] : readonly [number, number]);

/** Keras padding of convolutions and pooling: 'valid' (none, the output shrinks) or 'same' (zeros, the output keeps its size at stride 1). */
export type Padding = 'valid' | 'same';

/** Images are (height, width, channels), Keras' default layout, the only one gonn's image layers take. */
export type DataFormat = 'channels_last';

interface ConvOptionsOf<N extends 1 | 2> extends LayerOptions {
  /** The number of filters: the channels of the output. */
  filters: number;
  /** The filter's extent, e.g. 3 or [3, 3]. The kernel has shape [...kernelSize, inChannels, filters]. */
  kernelSize?: Size<N>;
  kernel_size?: Size<N>;
  /** Default 1. */
  strides?: Size<N>;
  /** Default 'valid'. */
  padding?: Padding;
  dataFormat?: DataFormat;
  data_format?: DataFormat;
  /** Default 1. */
  dilationRate?: Size<N>;
  dilation_rate?: Size<N>;
  /** Only 1: gonn has no grouped convolutions. */
  groups?: 1;
  /** Keras name: 'relu', 'linear' (default), … */
  activation?: string;
  /** Default true: one bias per filter. */
  useBias?: boolean;
  use_bias?: boolean;
  kernelInitializer?: Initializer;
  kernel_initializer?: Initializer;
  biasInitializer?: Initializer;
  bias_initializer?: Initializer;
}

/** Keras Conv2D: kernelSize is required (in camelCase or snake_case). */
export type Conv2DOptions = ConvOptionsOf<2>;

/** Keras Conv1D on (steps, channels); padding may also be 'causal' (zeros on the left only). */
export interface Conv1DOptions extends Omit<ConvOptionsOf<1>, 'padding'> {
  padding?: Padding | 'causal';
}

/** Keras Conv2DTranspose (the gradient of a Conv2D: upsamples by strides). */
export interface Conv2DTransposeOptions extends ConvOptionsOf<2> {
  /** The extra rows and columns of the output when strides > 1; default null (Keras infers it). */
  outputPadding?: Size<2> | null;
  output_padding?: Size<2> | null;
}

export interface Pooling2DOptions extends LayerOptions {
  /** Default [2, 2]. */
  poolSize?: Size<2>;
  pool_size?: Size<2>;
  /** Default: poolSize. */
  strides?: Size<2> | null;
  /** Default 'valid'. */
  padding?: Padding;
  dataFormat?: DataFormat;
  data_format?: DataFormat;
}

export interface Pooling1DOptions extends LayerOptions {
  /** Default 2. */
  poolSize?: Size<1>;
  pool_size?: Size<1>;
  /** Default: poolSize. */
  strides?: Size<1> | null;
  padding?: Padding;
  dataFormat?: DataFormat;
  data_format?: DataFormat;
}

export interface GlobalPooling2DOptions extends LayerOptions {
  dataFormat?: DataFormat;
  data_format?: DataFormat;
  /** Keep the spatial axes (as size 1). Default false. */
  keepdims?: boolean;
}

export type GlobalPooling1DOptions = GlobalPooling2DOptions;

export interface ZeroPadding2DOptions extends LayerOptions {
  /** 1 (every side), [rows, cols] (symmetric), or [[top, bottom], [left, right]]. Default 1. */
  padding?: number | readonly [number, number] | readonly [readonly [number, number], readonly [number, number]];
  dataFormat?: DataFormat;
  data_format?: DataFormat;
}

export interface UpSampling2DOptions extends LayerOptions {
  /** The factors for rows and columns. Default [2, 2]. */
  size?: Size<2>;
  dataFormat?: DataFormat;
  data_format?: DataFormat;
  /** Default 'nearest' (repeats pixels); 'bilinear' as tf.image.resize. */
  interpolation?: 'nearest' | 'bilinear';
}

/** A Keras augmentation range: one number f, read on both sides ([-f, f]; RandomContrast [1-f, 1+f]), or a pair [lower, upper]. */
export type AugmentFactor = number | readonly [number, number];

/** What points outside an image hold, for an image a b c d: 'reflect' d c b a | a b c d (the default), 'wrap' a b c d | a b c d, 'constant' the fillValue, 'nearest' a a | a b c d | d d. */
export type FillMode = 'reflect' | 'wrap' | 'constant' | 'nearest';

/** The augmentation layers (randomFlip, …) change images in fit only: predict and evaluate see them unchanged. */
export interface AugmentOptions extends LayerOptions {
  /** The layer's own generator; by default it draws from the model's seed. */
  seed?: number;
  dataFormat?: DataFormat;
  data_format?: DataFormat;
}

export interface AffineAugmentOptions extends AugmentOptions {
  /** Default 'reflect'. */
  fillMode?: FillMode;
  fill_mode?: FillMode;
  /** Default 'bilinear'. */
  interpolation?: 'bilinear' | 'nearest';
  /** What fillMode 'constant' puts outside the image. Default 0. */
  fillValue?: number;
  fill_value?: number;
}

export interface RandomFlipOptions extends AugmentOptions {
  /** 'horizontal' (left-right), 'vertical' (upside down) or 'horizontal_and_vertical' (the default; each flip drawn on its own). */
  mode?: 'horizontal' | 'vertical' | 'horizontal_and_vertical';
}

export interface RandomRotationOptions extends AffineAugmentOptions {
  /** The angle as a fraction of a full turn, in [-1, 1]; positive turns counter-clockwise. Required. */
  factor: AugmentFactor;
}

export interface RandomTranslationOptions extends AffineAugmentOptions {
  /** The vertical shift as a fraction of the height, in [-1, 1]; positive moves down. Required. */
  heightFactor?: AugmentFactor;
  height_factor?: AugmentFactor;
  /** The horizontal shift as a fraction of the width, in [-1, 1]; positive moves right. Required. */
  widthFactor?: AugmentFactor;
  width_factor?: AugmentFactor;
}

export interface RandomZoomOptions extends AffineAugmentOptions {
  /** The vertical zoom as a fraction, in [-1, 1]: positive zooms out, negative in. Required. */
  heightFactor?: AugmentFactor;
  height_factor?: AugmentFactor;
  /** The horizontal zoom likewise; null (the default) zooms by the height's draw, keeping the aspect ratio. */
  widthFactor?: AugmentFactor | null;
  width_factor?: AugmentFactor | null;
}

export interface RandomContrastOptions extends AugmentOptions {
  /** In [0, 1]: the contrast factor is drawn from [1 - f, 1 + f] (a pair: [1 - lower, 1 + upper]). Required. */
  factor: AugmentFactor;
  /** The images' value range, which the output is clipped to. Default [0, 255]. */
  valueRange?: readonly [number, number];
  value_range?: readonly [number, number];
}

export interface BatchNormalizationOptions extends LayerOptions {
  /** The axis normalised per feature (the channels), counted with the batch axis as Keras does. Default -1 (the last). */
  axis?: number | readonly [number];
  /** Of the moving mean and variance. Default 0.99. */
  momentum?: number;
  /** Default 0.001. */
  epsilon?: number;
  /** Learn an offset beta. Default true. */
  center?: boolean;
  /** Learn a factor gamma. Default true. */
  scale?: boolean;
  betaInitializer?: Initializer;
  beta_initializer?: Initializer;
  gammaInitializer?: Initializer;
  gamma_initializer?: Initializer;
  movingMeanInitializer?: Initializer;
  moving_mean_initializer?: Initializer;
  movingVarianceInitializer?: Initializer;
  moving_variance_initializer?: Initializer;
}

export interface LeakyReLUOptions extends LayerOptions {
  /** The slope for x < 0: Keras 3's name. Default 0.3. */
  negativeSlope?: number;
  negative_slope?: number;
  /** The same slope under Keras 2's and TF.js' name. */
  alpha?: number;
}

/**
 * Layer builders, named as TF.js names them, making Keras layer specs: the
 * options are Keras' arguments in camelCase (snake_case works too), with
 * Keras' defaults. The engine checks every key and value when the model is
 * made: sequential() rejects with bad_argument on a typo.
 */
export declare const layers: {
  input(o: {shape: readonly number[]; name?: string}): LayerSpec;
  dense(o: DenseOptions): LayerSpec;
  dropout(o: LayerOptions & {rate: number; seed?: number}): LayerSpec;
  flatten(o?: LayerOptions & {dataFormat?: string; data_format?: string}): LayerSpec;
  reshape(o: LayerOptions & {targetShape?: readonly number[]; target_shape?: readonly number[]}): LayerSpec;
  activation(o: LayerOptions & {activation: string}): LayerSpec;
  /** Conv1D on (steps, channels). */
  conv1d(o: Conv1DOptions): LayerSpec;
  /**
   * Conv2D on (height, width, channels): Keras' cross-correlation. Its
   * weights are the kernel [kh, kw, inChannels, filters], then the bias
   * [filters] unless useBias is false.
   *
   *   gonn.layers.conv2d({filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1]})
   */
  conv2d(o: Conv2DOptions): LayerSpec;
  /** Conv2DTranspose; kernel [kh, kw, filters, inChannels] as Keras keeps it. */
  conv2dTranspose(o: Conv2DTransposeOptions): LayerSpec;
  /** ZeroPadding2D: rows and columns of zeros around each image. */
  zeroPadding2d(o?: ZeroPadding2DOptions): LayerSpec;
  /** MaxPooling1D on (steps, channels). */
  maxPooling1d(o?: Pooling1DOptions): LayerSpec;
  /** AveragePooling1D on (steps, channels). */
  averagePooling1d(o?: Pooling1DOptions): LayerSpec;
  /** GlobalMaxPooling1D: (steps, c) → (c). */
  globalMaxPooling1d(o?: GlobalPooling1DOptions): LayerSpec;
  /** GlobalAveragePooling1D: (steps, c) → (c). */
  globalAveragePooling1d(o?: GlobalPooling1DOptions): LayerSpec;
  /** MaxPooling2D: the largest value of each poolSize window. */
  maxPooling2d(o?: Pooling2DOptions): LayerSpec;
  /** AveragePooling2D: the mean of each window (padding 'same' averages over the values inside the image only). */
  averagePooling2d(o?: Pooling2DOptions): LayerSpec;
  /** GlobalMaxPooling2D: (h, w, c) → (c). */
  globalMaxPooling2d(o?: GlobalPooling2DOptions): LayerSpec;
  /** GlobalAveragePooling2D: (h, w, c) → (c). */
  globalAveragePooling2d(o?: GlobalPooling2DOptions): LayerSpec;
  /** UpSampling2D: repeats rows and columns. */
  upSampling2d(o?: UpSampling2DOptions): LayerSpec;
  /** BatchNormalization: weights gamma, beta (trainable), then the moving mean and variance (not). */
  batchNormalization(o?: BatchNormalizationOptions): LayerSpec;
  /** LeakyReLU: x for x ≥ 0, slope·x otherwise. */
  leakyReLU(o?: LeakyReLUOptions): LayerSpec;
  /** Embedding: integer ids (steps) → vectors (steps, outputDim); maskZero masks id 0. */
  embedding(o: EmbeddingOptions): LayerSpec;
  /** Masking: masks the steps whose features all equal maskValue (default 0). */
  masking(o?: LayerOptions & {maskValue?: number; mask_value?: number}): LayerSpec;
  /** SimpleRNN: a Dense layer in a loop over time, with memory. */
  simpleRNN(o: RecurrentOptions): LayerSpec;
  /** LSTM: Keras gate order i, f, c, o; unitForgetBias by default. */
  lstm(o: RecurrentOptions & {unitForgetBias?: boolean; unit_forget_bias?: boolean}): LayerSpec;
  /** GRU: Keras gate order z, r, h; resetAfter true by default (Keras 2 and 3). */
  gru(o: RecurrentOptions & {resetAfter?: boolean; reset_after?: boolean}): LayerSpec;
  /** RepeatVector: (features) → (n, features). */
  repeatVector(o: LayerOptions & {n: number}): LayerSpec;
  /** TimeDistributed: applies layer to every step. */
  timeDistributed(o: LayerOptions & {layer: LayerSpec}): LayerSpec;
  /** Bidirectional: a forward and a backward copy of a recurrent layer, merged. */
  bidirectional(o: LayerOptions & {layer: LayerSpec; mergeMode?: 'concat' | 'sum' | 'mul' | 'ave'; merge_mode?: 'concat' | 'sum' | 'mul' | 'ave'}): LayerSpec;
  /** RandomFlip: in fit, mirrors each image left-right and/or upside down, each with probability 1/2. */
  randomFlip(o?: RandomFlipOptions): LayerSpec;
  /**
   * RandomRotation: in fit, turns each image by a random fraction of a turn.
   *
   *   gonn.layers.randomRotation({factor: 0.1, fillMode: 'constant'})   // up to ±36°
   */
  randomRotation(o: RandomRotationOptions): LayerSpec;
  /** RandomTranslation: in fit, shifts each image by random fractions of its height and width. */
  randomTranslation(o: RandomTranslationOptions): LayerSpec;
  /** RandomZoom: in fit, zooms each image in or out about its centre. */
  randomZoom(o: RandomZoomOptions): LayerSpec;
  /** RandomContrast: in fit, scales each image's values about their mean per channel, clipped to valueRange. */
  randomContrast(o: RandomContrastOptions): LayerSpec;
};

export interface EmbeddingOptions extends LayerOptions {
  inputDim?: number;
  input_dim?: number;
  outputDim?: number;
  output_dim?: number;
  maskZero?: boolean;
  mask_zero?: boolean;
  embeddingsInitializer?: string | object;
  embeddings_initializer?: string | object;
}

export interface RecurrentOptions extends LayerOptions {
  units: number;
  activation?: string;
  recurrentActivation?: string;
  recurrent_activation?: string;
  useBias?: boolean;
  use_bias?: boolean;
  returnSequences?: boolean;
  return_sequences?: boolean;
  returnState?: boolean;
  return_state?: boolean;
  goBackwards?: boolean;
  go_backwards?: boolean;
  kernelInitializer?: string | object;
  recurrentInitializer?: string | object;
  biasInitializer?: string | object;
}

// ---------------------------------------------------------------- engine

export interface InitOptions {
  /** engine.wasm; default new URL('./engine.wasm', import.meta.url). A path in Node. */
  engineUrl?: string | URL;
  /**
   * Run the engine in a Web Worker (worker.js beside gonn.js). Default: true
   * in a browser's main thread, false inside a worker and in Node. false in a
   * page runs the engine in the page's thread: each call skips a message to
   * the worker and one back (about 0.1–0.3 ms in Chromium here, BENCHMARKS.md
   * (d)), which pays for latency-bound inference such as one prediction per
   * drawn digit, but a long fit then blocks the page.
   */
  worker?: boolean;
  /**
   * The WASI behind the engine: gonn's own shim (wasi.js, the default
   * everywhere) or, in Node only, node:wasi (which prints an
   * ExperimentalWarning and writes the engine's output to the process').
   */
  wasi?: 'shim' | 'node';
  /** Where the engine's stdout/stderr lines go (shim only); default console.log / console.warn. */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  /**
   * The SIMD kernel module that runs the matrix products (f32x4): true (the
   * default) loads kernels.wasm beside the engine, a string or URL loads that
   * file, false runs the engine's Go loops. Where wasm SIMD is missing the
   * Go loops run anyway. Either way training gives the same bits; the
   * kernels are several times faster. engine.version.kernels says which runs.
   */
  kernels?: boolean | string | URL;
}

/** An engine instance: one engine.wasm, one thread, its own models and tensors. */
export interface Engine {
  /** gonn_version: {abi, version, go}, and kernels: whether the SIMD kernels run. */
  readonly version: {abi: number; version: string; go: string; kernels: boolean};
  /** True when the engine runs in a Web Worker. */
  readonly inWorker: boolean;
  /** Milliseconds from init() to the engine ready. */
  readonly loadMs: number;
  sequential(layers: ReadonlyArray<LayerSpec | KerasLayerJSON>, opts?: SequentialOptions): Promise<Model>;
  /** A model from TF.js layers files, in this engine: see loadLayersModel. */
  loadLayersModel(source: ModelSource): Promise<Model>;
  /** A model from a raw spec: gonn's {seed, layers}, a Keras Sequential config, or a TF.js modelTopology. */
  model(spec: object, opts?: {seed?: number}): Promise<Model>;
  /** Copies data into the engine. */
  upload(t: TensorLike): Promise<EngineTensor>;
  /**
   * The size of the engine's linear memory now (TF.js' memory()): bytes
   * and 64 KiB pages. Wasm memory grows and never shrinks: a flat size
   * over many create → fit → dispose cycles means nothing leaks.
   */
  memory(): Promise<{bytes: number; pages: number}>;
  /** Disposes every model and tensor and ends the instance (terminates the worker). */
  close(): void;
}

/** A layer as Keras' model JSON writes it. */
export interface KerasLayerJSON {
  class_name: string;
  config: Record<string, unknown>;
}

/**
 * Loads an engine (each call a new instance, in its own worker when
 * worker is true). The first engine made becomes the shared one that
 * sequential() uses without an engine option; sequential() makes it with
 * init() when there is none yet. Fails with load_failed.
 */
export declare function init(opts?: InitOptions): Promise<Engine>;

// ---------------------------------------------------------------- models

export interface SequentialOptions {
  /** Seeds the model's one PRNG: initial weights, shuffling, dropout. Default 0. */
  seed?: number;
  name?: string;
  /** Default: the shared engine of init(). */
  engine?: Engine;
}

/**
 * Makes a Sequential model (Keras' keras.Sequential). Async: the model is
 * made in the engine, so an unknown layer or bad config rejects here.
 */
export declare function sequential(layers: ReadonlyArray<LayerSpec | KerasLayerJSON>, opts?: SequentialOptions): Promise<Model>;

// ---------------------------------------------------------------- saving and loading

/** A weight of a TF.js weights manifest. */
export interface TFJSWeightSpec {
  /** TF.js' name: '<layer>/<weight>', e.g. 'dense/kernel'. */
  name: string;
  shape: number[];
  dtype: 'float32' | string;
  /** 'optimizer' for optimizer state TF.js saved with includeOptimizer (skipped when loading). */
  group?: string;
}

/** model.json of the TF.js layers format. */
export interface ModelJSON {
  modelTopology: object;
  format?: 'layers-model';
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: {paths: string[]; weights: TFJSWeightSpec[]}[];
  trainingConfig?: object;
}

/**
 * TF.js' ModelArtifacts: what tf.io.fromMemory takes and TF.js' save
 * handlers get. weightData is every weight as float32, little-endian, in
 * weightSpecs order.
 */
export interface ModelArtifacts {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightSpecs: TFJSWeightSpec[];
  weightData: ArrayBuffer | ArrayBuffer[];
  trainingConfig?: object;
}

/** What model.save() gives: ModelArtifacts, and the model.json of one weight file (weightData). */
export interface SavedArtifacts extends ModelArtifacts {
  weightData: ArrayBuffer;
  modelJSON: ModelJSON;
}

/** TF.js' SaveResult, for save('downloads://…') and save('indexeddb://…'). */
export interface SaveResult {
  modelArtifactsInfo: {
    dateSaved: Date;
    modelTopologyType: 'JSON';
    modelTopologyBytes: number;
    weightSpecsBytes: number;
    weightDataBytes: number;
  };
}

/**
 * Where loadLayersModel reads a model: 'indexeddb://name'; the URL of a
 * model.json (its weight files are fetched relative to it, as TF.js does;
 * in Node a file path or file: URL reads the disk); the files of an
 * <input type=file multiple> (model.json and its .bin files, matched by
 * name); or ModelArtifacts (e.g. from model.save() or TF.js).
 */
export type ModelSource = string | URL | FileList | File[] | ModelArtifacts;

/**
 * Loads a model saved in the TF.js layers format (by gonn's save, TF.js'
 * model.save or the TF.js converter from Keras) into opts.engine or the
 * shared engine. The model is not compiled (compile it to train). Fails
 * with bad_argument (not JSON, a layer class or option gonn lacks, named),
 * shape (weight data of the wrong size or shape), too_large, non_finite
 * (NaN weights) or load_failed (a file that cannot be fetched or read); on
 * any error no model is made.
 *
 *   const model = await gonn.loadLayersModel('models/mnist/model.json');
 *   const again = await gonn.loadLayersModel('indexeddb://mnist');
 *   const picked = await gonn.loadLayersModel(input.files);  // <input type=file multiple>
 */
export declare function loadLayersModel(source: ModelSource, opts?: {engine?: Engine}): Promise<Model>;

/** A Keras name or {className, config} (snake_case config keys, e.g. learning_rate). */
export type Configurable = string | {className?: string; class_name?: string; config?: Record<string, unknown>};

export interface CompileOptions {
  /** 'adam', 'sgd', 'rmsprop', 'adagrad', 'adadelta', or {className: 'Adam', config: {learning_rate: 0.001}}. */
  optimizer: Configurable;
  /** 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'binary_crossentropy', 'mse', … */
  loss: Configurable;
  /** e.g. ['accuracy']. */
  metrics?: string[];
}

/** Keras logs: 'loss', 'accuracy', 'val_loss', …; null where a value was NaN or ±Inf. */
export type Logs = Record<string, number | null>;

/** Keras' History: epoch lists the completed epochs, history[key][i] their logs. */
export interface History {
  epoch: number[];
  history: Record<string, (number | null)[]>;
  /**
   * Set when stop() ended the fit inside an epoch: that epoch (the last
   * entry) ran only its first `batches` batches, and its logs are their
   * means. The weights are exactly those after those batches.
   */
  partial?: {epoch: number; batches: number; batchesPerEpoch: number};
}

/** One report of the engine during fit (gonn_fit_step). */
export interface FitProgress {
  /** The epoch running (from 0), or the next one between epochs. */
  epoch: number;
  epochs: number;
  /** Batches of this epoch done. */
  batch: number;
  batchesPerEpoch: number;
  done: boolean;
  /** Running means of the epoch so far (or, right after an epoch ended, its final logs). */
  logs: Logs;
}

export interface FitOptions {
  epochs?: number;
  batchSize?: number;
  batch_size?: number;
  shuffle?: boolean;
  /** The last fraction of the examples, before shuffling, as Keras. */
  validationSplit?: number;
  validation_split?: number;
  validationData?: [TensorLike, TensorLike];
  validation_data?: [TensorLike, TensorLike];
  initialEpoch?: number;
  initial_epoch?: number;
  allowNonFinite?: boolean;
  allow_non_finite?: boolean;
  /** Reseeds the model's PRNG before this fit: its shuffles and dropout masks then depend on this seed alone. */
  seed?: number;
  /**
   * Continues where the model's training stopped (stop(), or a checkpoint
   * restored with restoreCheckpoint), inside an epoch too, in the same
   * order of examples: the weights end as those of a run that never
   * stopped, bit for bit. Needs the stopped run's data and batchSize; not
   * with seed or initialEpoch.
   */
  resume?: boolean;
  /** Ignored; accepted for Keras code. */
  verbose?: number;
  /**
   * Batches the engine trains between two looks at the message queue
   * (stop, pause, progress). Default 1: stop and pause act within one batch.
   */
  batchesPerStep?: number;
  /**
   * Engines sharing every batch (1 … 16, default 1): data-parallel training.
   * In a browser the extra N−1 engines run in Web Workers (made on the first
   * such fit, kept until the model or engine is disposed); in Node they run
   * in the same thread (same weights, no speed-up). A given N gives the same
   * bits everywhere (nn.FitParallel's), different from another N.
   */
  workers?: number;
  // The callbacks run in lockstep with training, as Keras' do: the next
  // batch waits until they returned (and until a Promise they return
  // settles), so stop() or pause() called in one acts before the next
  // batch. Without callbacks the engine never waits for the page.
  /** After each batch: its index in the epoch (from 0), the epoch's running means, and the epoch (from 0). */
  onBatchEnd?: (batch: number, logs: Logs, epoch: number) => void | Promise<void>;
  /** After each epoch, with its final logs (val_* included); also for an epoch cut short by stop() (History.partial). */
  onEpochEnd?: (epoch: number, logs: Logs) => void | Promise<void>;
  /** Each engine report, raw. */
  onProgress?: (p: FitProgress) => void | Promise<void>;
}

export interface EvaluateOptions {
  batchSize?: number;
  batch_size?: number;
}

export interface WeightSpec {
  name: string;
  shape: number[];
  /** Offset into data, in floats. */
  offset: number;
  /** Number of floats. */
  size: number;
  trainable: boolean;
}

/** All weights in Keras order (the TF.js weights-file layout). */
export interface Weights {
  manifest: WeightSpec[];
  data: Float32Array;
}

/**
 * The confusion matrix cm[truth][pred] (the diagonal holds the right
 * answers). pred holds labels, or is a tensor of scores (N, classes) whose
 * argmax per row (the first on ties) gives them. Labels lie in [0, classes).
 */
export declare function confusionMatrix(
  truth: readonly number[] | Int32Array,
  pred: readonly number[] | Int32Array | TensorLike,
  classes: number,
  opts?: {engine?: Engine},
): Promise<number[][]>;

/**
 * A model whose layers are the given models (of one engine), shared, not
 * copied: Keras' model as a layer. Training either model changes the
 * weights both see. setTrainable(i, false) freezes model i; as in Keras,
 * compile() collects the trainable weights. Built at once when the first
 * model's input is known.
 */
export declare function compose(models: readonly Model[], opts?: {name?: string; seed?: number}): Promise<Model>;

export interface GANOptions {
  /** Noise (latentDim) → an example. Built from latentDim if not built. */
  generator: Model;
  /** An example → (1), a sigmoid probability that it is real. Compiled here with dOptimizer and binary cross-entropy. */
  discriminator: Model;
  /** Default: the generator's input size, when known. */
  latentDim?: number;
  /** As compile takes it. Default 'adam'. */
  dOptimizer?: Configurable;
  /** Default 'adam'. */
  gOptimizer?: Configurable;
  /** Seeds the noise. Default 0. */
  seed?: number;
}

/** The losses of one GAN step, each before its update. */
export interface GANLogs {
  step: number;
  dLoss: number | null;
  gLoss: number | null;
}

/** A GAN trainer (Goodfellow et al. 2014) over two Models that stay usable. */
export interface GAN {
  readonly engine: Engine;
  readonly generator: Model;
  readonly discriminator: Model;
  readonly latentDim: number;
  readonly disposed: boolean;
  /**
   * Trains the discriminator once on real (B, ...example) and B fakes, then
   * the generator once on B fresh noise vectors through the frozen
   * discriminator. Busy while either model fits.
   */
  step(real: TensorLike): Promise<GANLogs>;
  /** n latent vectors (n, latentDim) from N(0, 1), drawn by the GAN's seeded generator. */
  noise(n: number): Promise<Tensor>;
  /** The generator's outputs on noise (n, latentDim), in inference mode. */
  generate(noise: TensorLike): Promise<Tensor>;
  /** Frees the GAN in the engine; the generator and discriminator stay. */
  dispose(): void;
}

/**
 * Joins a generator and a discriminator of one engine into a GAN: the
 * classic Keras loop, the same bits on every host for the same seeds.
 *
 *   const g = await gonn.sequential([...], {seed: 1}), d = await gonn.sequential([...], {seed: 2});
 *   const net = await gonn.gan({generator: g, discriminator: d, latentDim: 64,
 *     dOptimizer: {className: 'Adam', config: {learning_rate: 2e-4, beta_1: 0.5}}, seed: 3});
 *   const {dLoss, gLoss} = await net.step(realBatch);
 *   const samples = await net.generate(await net.noise(16));
 */
export declare function gan(o: GANOptions): Promise<GAN>;

export interface ModelInfo {
  name: string;
  seed: number;
  built: boolean;
  compiled: boolean;
  fitting: boolean;
  inputShape: number[] | null;
  outputShape: number[] | null;
  params: number;
  trainableParams: number;
  layers: {name: string; className: string; trainable: boolean; params: number}[];
}

/** One layer's output, from model.layerOutputs(x). */
export interface LayerOutput {
  name: string;
  className: string;
  /** (N, the layer's output shape…): feature maps (N, h, w, filters) for a convolution. */
  output: Tensor;
}

/** A convolution's filters as images, from model.filters(i). */
export interface Filters {
  /** Of one filter: [kh, kw, channels] (Conv1D: [k, channels]). */
  shape: number[];
  /** One per filter, row-major in shape, scaled to [0, 1] (0.5 where a filter is constant). */
  images: Float32Array[];
}

export interface OcclusionOptions {
  /** The output unit watched. */
  classIndex: number;
  /** The patch is size × size pixels (every channel). */
  size: number;
  /** The step between patch positions; default size. */
  stride?: number;
  /** The value hidden pixels take; default 0. */
  fill?: number;
}

export interface MaximiseOptions {
  /** Index into info().layers of the layer whose unit is maximised. */
  layer: number;
  /** The unit: the last-axis index of the layer's output (a filter's activation is averaged over positions). Default 0. */
  unit?: number;
  /** Gradient-ascent steps, up to 100,000. Default 100. */
  steps?: number;
  /** Default 0.1. */
  learningRate?: number;
  /** The weight of the penalty l2·‖x‖² that keeps the input bounded. Default 0. */
  l2?: number;
  /** Every value is clipped to [min, max] after each step when min < max (e.g. 0 and 1 for pixels). */
  min?: number;
  max?: number;
  /** The input to start from, (1, ...inputShape); default zeros. */
  start?: TensorLike;
}

/** Statistics of a weight or of its gradient; null where a value is NaN or ±Inf. */
export interface TensorStats {
  name: string;
  shape: number[];
  trainable: boolean;
  mean: number | null;
  /** The population standard deviation. */
  std: number | null;
  min: number | null;
  max: number | null;
  /** The L2 norm. */
  norm: number | null;
  /** The fraction of exact zeros (dead ReLUs show here). */
  zeros: number | null;
}

export interface Model {
  readonly engine: Engine;
  readonly disposed: boolean;
  compile(o: CompileOptions): Promise<void>;
  /**
   * Trains. Resolves with the History when every epoch ran or stop() was
   * called; rejects with a GonnError (e.g. non_finite, with .history)
   * otherwise. One fit at a time per model (busy). Plain tensors are copied
   * into the engine for this fit only; upload big data once instead
   * (Engine.upload). If a callback throws, the fit stops after the batch in
   * progress and fit() rejects with what the callback threw.
   */
  fit(x: TensorLike, y: TensorLike, o?: FitOptions): Promise<History>;
  /**
   * Ends the running fit after the batch in progress (from a callback:
   * before the next batch); fit() then resolves with a History whose last
   * epoch is marked partial if it was cut short. The weights are exactly
   * those after the last completed batch. No fit: nothing.
   */
  stop(): void;
  /**
   * Holds the running fit after the batch in progress (from a callback:
   * before the next batch), until resume(). Resolves once the fit is held:
   * from then on no batch trains. Never rejects.
   */
  pause(): Promise<void>;
  /** Lets a paused fit go on; resolves once the engine has it. Never rejects. */
  resume(): Promise<void>;
  evaluate(x: TensorLike, y: TensorLike, o?: EvaluateOptions): Promise<Logs>;
  /** The outputs, shape [N, ...outputShape]. */
  predict(x: TensorLike, o?: EvaluateOptions): Promise<Tensor>;
  /**
   * One optimizer step on the batch, Keras' train_on_batch: the batch's
   * loss (training mode, before the update) and the compiled metrics. For
   * custom training loops. The model must be compiled; busy during a fit.
   */
  trainOnBatch(x: TensorLike, y: TensorLike): Promise<Logs>;
  /** The loss and metrics of one batch in inference mode; changes nothing. */
  testOnBatch(x: TensorLike, y: TensorLike): Promise<Logs>;
  /** The outputs on one batch, in inference mode. */
  predictOnBatch(x: TensorLike): Promise<Tensor>;
  /**
   * One forward pass, Keras' model(x, training): with training true,
   * dropout and augmentation run and BatchNormalization uses the batch's
   * statistics (moving its moving ones, as in Keras). No trainable weight
   * changes.
   */
  call(x: TensorLike, o?: {training?: boolean}): Promise<Tensor>;
  /** Every layer's output on x (inference mode), one per entry of info().layers. */
  layerOutputs(x: TensorLike): Promise<LayerOutput[]>;
  /** The filters of the convolution at layerIndex (into info().layers), each scaled to [0, 1] on its own. */
  filters(layerIndex: number): Promise<Filters>;
  /** ∂ output[classIndex] / ∂ x for each example, shaped like x (Simonyan et al. 2013). The output must be a vector. */
  saliency(x: TensorLike, classIndex: number): Promise<Tensor>;
  /** For the one image x (1, H, W[, C]): how much output[classIndex] drops when each patch is filled, shape (rows, cols). */
  occlusion(x: TensorLike, o: OcclusionOptions): Promise<Tensor>;
  /** The input that makes one unit of one layer large, by gradient ascent (Erhan et al. 2009). */
  maximise(o: MaximiseOptions): Promise<{input: Tensor; activation: number | null}>;
  /** Statistics of every weight, in getWeights() order. */
  weightStats(): Promise<TensorStats[]>;
  /**
   * The same statistics for the gradients of the compiled loss on (x, y),
   * for every trainable weight, computed as in training (dropout on) but
   * changing nothing: no weight, no optimizer state, not the model's
   * generator. The model must be compiled.
   */
  gradientStats(x: TensorLike, y: TensorLike): Promise<TensorStats[]>;
  info(): Promise<ModelInfo>;
  /** Keras' model.summary() table. */
  summary(): Promise<string>;
  getWeights(): Promise<Weights>;
  /** Sets every weight (the layout of getWeights). */
  setWeights(w: Weights | Float32Array): Promise<void>;
  /** FNV-64a of every weight's bits, 16 hex chars: the same on every platform for the same seed, data and settings. */
  weightsHash(): Promise<string>;
  /**
   * Saves the model in the TF.js layers format (it must be built). With no
   * destination, resolves with the artifacts; 'downloads://name' makes the
   * page download name.json and name.weights.bin; 'indexeddb://name' stores
   * it in TF.js' own IndexedDB database, so TF.js loads it too. A layer TF.js
   * lacks or reads otherwise rejects with bad_argument, naming it.
   */
  save(): Promise<SavedArtifacts>;
  save(destination: string): Promise<SaveResult>;
  /**
   * The model's checkpoint (docs/checkpoint.md): weights, optimizer state,
   * generator and where training stands. The model must be compiled; taken
   * during a fit, it holds the position after the last batch done.
   */
  checkpoint(): Promise<Uint8Array>;
  /**
   * Restores a checkpoint into this model, compiled like the one that took
   * it (not during a fit: busy); then fit(x, y, {resume: true, …}) goes on
   * where it stood. Bad bytes reject with bad_argument, a checkpoint of
   * another model with shape; either way the model is untouched.
   */
  restoreCheckpoint(bytes: Uint8Array | ArrayBuffer): Promise<void>;
  /** Freezes (false) or unfreezes a layer, by index into info().layers, as Keras' layer.trainable; training picks it up at the next compile(), as in Keras and TF.js. */
  setTrainable(layerIndex: number, trainable: boolean): Promise<void>;
  /** Frees the model in the engine now (stops its fit). Later calls reject with unknown_handle. */
  dispose(): void;
}
