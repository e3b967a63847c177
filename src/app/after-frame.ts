/**
 * Runs `fn` in the first task after the frame being rendered: when called during a frame's callbacks
 * (the app clock's step commits there), style and layout are clean by then, so reading offsets costs
 * nothing; read during the commit they would force a second style and layout pass inside the frame.
 * Returns a cancel.
 */
export function afterFrame(fn: () => void): () => void {
  let live = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (live) fn();
  };
  channel.port2.postMessage(null);
  return () => {
    live = false;
  };
}
