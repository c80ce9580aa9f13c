import { describeHttpApi } from './http-suite.js';

describeHttpApi('the embedded stores');
