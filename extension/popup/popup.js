import { mountPortfolio } from '../shared/portfolio-app.js';

mountPortfolio(document.getElementById('app'), 'popup');
