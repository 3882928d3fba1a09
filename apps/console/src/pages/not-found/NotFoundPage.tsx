import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../../components/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="page">
      <h1 className="page-title">Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/persons">Go to persons</Link>
      </p>
    </div>
  );
}
