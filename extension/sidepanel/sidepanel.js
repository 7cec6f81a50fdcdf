// The side panel: the same view as the popup, kept open beside any page.
import { mountPortfolio } from '../shared/portfolio-app.js';

mountPortfolio(document.getElementById('app'), 'sidepanel');
