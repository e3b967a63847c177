import defaultScenario from './default.yaml?raw';

/** The scenario a first visit starts with: the study groups' classic kind setup. */
export const DEFAULT_SCENARIO: string = defaultScenario;
