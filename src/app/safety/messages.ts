/** The words of the safety notices (engine restarted, saving failed) in English and Korean. */
import type { Lang } from '../packet/messages';
import type { RestartReason } from '../../worker/supervisor';
import type { SaveFailure } from '../storage';

export interface SafetyMessages {
  readonly restarted: (reason: RestartReason) => string;
  readonly saveFailed: (reason: SaveFailure) => string;
  readonly download: string;
  readonly dismiss: string;
}

export const safetyMessages: Readonly<Record<Lang, SafetyMessages>> = {
  en: {
    restarted: (r) => {
      const why =
        r.kind === 'crashed' ? 'an internal error'
        : r.kind === 'unreadable-message' ? 'a message it could not read'
        : r.kind === 'timeout' ? `${r.seconds} s without an answer`
        : r.kind === 'unresponsive' ? 'it stopped answering'
        : 'an edit that took too long';
      return `The engine restarted after ${why}; your text is safe. The last valid scenario is loaded again.`;
    },
    saveFailed: (reason) =>
      reason === 'too-large'
        ? 'This text is too large to save in the browser (over 1,000,000 characters); the last saved text is kept. Download it to keep a copy.'
        : 'Saving failed: the browser’s storage is full. Your text is kept in this tab for now; download it to keep a copy.',
    download: 'Download the scenario',
    dismiss: 'Dismiss',
  },
  ko: {
    restarted: (r) => {
      const why =
        r.kind === 'crashed' ? '내부 오류가 나서'
        : r.kind === 'unreadable-message' ? '읽을 수 없는 메시지를 받아서'
        : r.kind === 'timeout' ? `${r.seconds}초 동안 응답이 없어서`
        : r.kind === 'unresponsive' ? '응답을 멈춰서'
        : '편집 하나를 처리하는 데 너무 오래 걸려서';
      return `엔진이 ${why} 다시 시작했습니다. 작성한 텍스트는 안전합니다. 마지막으로 유효했던 시나리오를 다시 불러왔습니다.`;
    },
    saveFailed: (reason) =>
      reason === 'too-large'
        ? '텍스트가 너무 커서 브라우저에 저장할 수 없습니다(1,000,000자 초과). 마지막으로 저장한 텍스트는 그대로 있습니다. 사본을 남기려면 내려받으세요.'
        : '저장하지 못했습니다: 브라우저 저장 공간이 가득 찼습니다. 텍스트는 이 탭에 임시로 남아 있으니 사본을 남기려면 내려받으세요.',
    download: '시나리오 내려받기',
    dismiss: '닫기',
  },
};
