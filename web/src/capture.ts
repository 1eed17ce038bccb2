export interface Capture {
  /**
   * What the browser granted: the track's `getSettings().echoCancellation` (undefined when
   * the browser does not say). The server cancels echo itself unless this is true.
   */
  readonly echoCancellation: boolean | undefined;
  stop(): Promise<void>;
}

/** The browser's own voice processing; all on by default. */
export interface MicProcessing {
  readonly echoCancellation: boolean;
  readonly noiseSuppression: boolean;
  readonly autoGainControl: boolean;
}

const ALL_ON: MicProcessing = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/**
 * Opens the microphone (with the browser's echo cancellation, noise suppression
 * and gain control unless told otherwise) and calls `onFrame` with 20 ms PCM16
 * frames at 16 kHz.
 */
export async function startCapture(
  onFrame: (frame: Int16Array) => void,
  processing: MicProcessing = ALL_ON,
  /** Where the worklets are served (another origin for an embedded widget); default: beside the page. */
  assetBase: string | URL = document.baseURI,
): Promise<Capture> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { ...processing, channelCount: 1 },
  });
  const context = new AudioContext({ latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(new URL('capture-worklet.js', assetBase).href);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, 'parley-capture', { numberOfOutputs: 0 });
    node.port.onmessage = (event: MessageEvent<Int16Array>) => onFrame(event.data);
    source.connect(node);
    await context.resume();
    return {
      echoCancellation: stream.getAudioTracks()[0]?.getSettings().echoCancellation,
      async stop() {
        node.port.onmessage = null;
        source.disconnect();
        for (const track of stream.getTracks()) track.stop();
        await context.close();
      },
    };
  } catch (error) {
    for (const track of stream.getTracks()) track.stop();
    await context.close();
    throw error;
  }
}
